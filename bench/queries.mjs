// The fixed query set of the benchmark: Japanese, latin, width variants and multi-word.
export const QUERIES = [
  '太平洋', '事務総長', 'ルッテ', 'NATO', 'nato', 'ＮＡＴＯ', 'F-35B', 'ACSA', '7961億円', 'Keen Sword',
  'キーンソード', 'ウクライナ', '安全保障', '防衛相', 'インド太平洋', '連絡事務所', '日本 NATO', 'NATO 事務所',
  'ルッテ 訪日', '岸田首相 NATO', 'EU 首脳', '中国 念頭', '共同訓練', 'ストルテンベルグ', '慶応義塾',
  'ラトビア', 'MISWG', 'サイバー防衛', '練習艦かしま', 'ﾙｯﾃ',
];

// Near-miss queries, as people type them from memory: other spellings, a
// dropped or wrong word, a typo (the kinds of test/near-miss.cases.ts).
export const NEAR_MISS_QUERIES = [
  'マドリッド', 'テルヅキ', 'シマカゼ', '濱田防衛相', 'F35B', 'パートナシップ', '引出し', '日NATO共同訓練',
  '自衛隊とオランダ軍の燃料融通', '物品役務総合提供協定', 'ルッテ事務総長が慶応大学で講演', 'NATO 東京 事務所 断念',
  'ストルテンベルク', 'ラスムッセン', 'リンケビッチ', 'ミッシェル大統領', 'ぶりゅっせる', '話合い', '國防相会合',
  '専用通信回線', '北大西洋理事会が承認', '集団的自衛権の行使', '多国間産業保全作業部会', '概算要求7691億円',
  'キーンソード演習', 'サイバー防衛協力文書', '偽情報対策会合', 'モゲリーニ上級代表', 'Shivalk', '野球日本代表',
];
