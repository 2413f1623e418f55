// The fixed query set of the benchmark: Japanese, latin, width variants and multi-word.
export const QUERIES = [
  '太平洋', '事務総長', 'ルッテ', 'NATO', 'nato', 'ＮＡＴＯ', 'F-35B', 'ACSA', '7961億円', 'Keen Sword',
  'キーンソード', 'ウクライナ', '安全保障', '防衛相', 'インド太平洋', '連絡事務所', '日本 NATO', 'NATO 事務所',
  'ルッテ 訪日', '岸田首相 NATO', 'EU 首脳', '中国 念頭', '共同訓練', 'ストルテンベルグ', '慶応義塾',
  'ラトビア', 'MISWG', 'サイバー防衛', '練習艦かしま', 'ﾙｯﾃ',
];
