/**
 * Near-miss queries over the bundled digest, as people type them from memory,
 * with the records they mean. The first block is issue #9's table; the rest
 * are other words of the same kinds. `none` queries are about things no
 * record mentions.
 */
export interface NearMiss {
  query: string;
  /** Records any of which the person meant; the first relevant hit should come first. */
  meant: string[];
  kind: string;
}

export const NEAR_MISSES: NearMiss[] = [
  { query: 'マドリッド', meant: ['2207-063001'], kind: 'ッ for ー' },
  { query: 'テルヅキ', meant: ['1809-082302'], kind: 'katakana for hiragana, ヅ/づ' },
  { query: 'シマカゼ', meant: ['2207-060705'], kind: 'katakana for hiragana' },
  { query: '濱田防衛相', meant: ['2304-031408'], kind: 'old kanji' },
  { query: 'F35B', meant: ['2407-061215'], kind: 'hyphen dropped' },
  { query: 'パートナシップ', meant: ['2410-092110', '2308-071211', '2304-031408', '2207-063001', '1803-021701'], kind: 'ー dropped' },
  { query: '引出し', meant: ['2206-051303'], kind: 'okurigana dropped' },
  { query: '日NATO共同訓練', meant: ['2207-060705'], kind: 'space between scripts' },
  { query: '自衛隊とオランダ軍の燃料融通', meant: ['2507-062601'], kind: 'word dropped' },
  { query: '物品役務総合提供協定', meant: ['2507-062601'], kind: 'wrong word' },
  { query: 'ルッテ事務総長が慶応大学で講演', meant: ['2505-040917'], kind: 'headline from memory' },
  // Other words of the same kinds.
  { query: 'ストルテンベルク', meant: ['2408-071201', '2306-051105', '2305-040505', '2207-063001', '1809-082302', '2507-062438'], kind: 'voiced mark' },
  { query: 'ラスムッセン', meant: ['1305-041502', '1305-041501'], kind: 'ッ inserted' },
  { query: 'リンケビッチ', meant: ['2506-051915'], kind: 'ー dropped' },
  { query: 'ミッシェル大統領', meant: ['2206-051303', '2206-051204'], kind: 'ッ inserted' },
  { query: 'ぶりゅっせる', meant: ['2502-012209', '2412-112806'], kind: 'hiragana for katakana, small kana' },
  { query: '話合い', meant: ['2306-051019'], kind: 'okurigana dropped' },
  { query: '國防相会合', meant: ['2411-101106'], kind: 'old kanji' },
  { query: '專任大使', meant: ['2502-012209'], kind: 'old kanji' },
  { query: '日蘭の燃料融通交渉', meant: ['2507-062601'], kind: 'words reordered' },
  { query: '専用通信回線', meant: ['2408-071201'], kind: 'particle dropped' },
  { query: '北大西洋理事会が承認', meant: ['1806-052510'], kind: 'words dropped' },
  { query: '集団的自衛権の行使', meant: ['1305-041501'], kind: 'particle changed' },
  { query: '多国間産業保全作業部会', meant: ['2307-062718'], kind: 'wrong word' },
  { query: '概算要求7691億円', meant: ['2209-082309'], kind: 'digits swapped' },
  { query: 'キーンソード演習', meant: ['2212-111812'], kind: 'two words run together' },
  { query: 'サイバー防衛協力文書', meant: ['2308-071211'], kind: 'words dropped' },
  { query: '偽情報対策会合', meant: ['2408-071201'], kind: 'words dropped' },
  { query: 'モゲリーニ上級代表', meant: ['1803-021701'], kind: 'words dropped' },
  { query: 'NATO 東京 事務所 断念', meant: ['2507-062438'], kind: 'one term missing' },
  { query: 'ウクライナ侵攻 ルクセンブルク', meant: ['2505-041117'], kind: 'one term missing' },
];

/** Queries about something no record mentions: no exact or variant hit, and no partial hit that covers little. */
export const NONSENSE = ['野球日本代表', 'サッカーワールドカップ', '新型コロナワクチン接種', 'ビットコイン価格', '大谷翔平選手'];
