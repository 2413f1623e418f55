/**
 * The data behind spelling variants (see variants.ts and docs/search.md,
 * "Spelling variants"). No well-kept npm package ships an old/new kanji table
 * small enough for a browser library, so these are our own, each from a
 * published list:
 *
 * - KANJI_VARIANTS: the 364 traditional forms (旧字体) printed beside their
 *   standard forms in the 常用漢字表 (2010 Cabinet notice), then the name
 *   variants (異体字) that Japanese news and name search meet most (濱/濵, 﨑/嵜,
 *   邊/邉, 髙, 德, 冨, 嶋/嶌, 峯, 舘, 淵, 栁, 曻, 桒, 槇, 藪, 埜, 凜, 﨔). Written as
 *   "variant standard" pairs. CJK compatibility ideographs that NFKC already
 *   folds (社 → 社) need no entry.
 * - KANA_WORDS: words that news writes in kana, or half in kana (交ぜ書き,
 *   after the 新聞用語集's rules), beside their kanji form: `ら致`/`拉致`,
 *   `子ども`/`子供`. Each pair is "kana-form kanji-form"; both sides fold to
 *   the kanji form. Only forms of two characters or more that ordinary news
 *   text seldom writes for another word (ただし, あわせて are left out: 正しい,
 *   合わせて).
 */
export const KANJI_VARIANTS =
  '亞亜 惡悪 壓圧 圍囲 醫医 爲為 壹壱 逸逸 隱隠 飮飲 營営 榮栄 衞衛 驛駅 謁謁 圓円 緣縁 艷艶 鹽塩 奧奥 應応 橫横 歐欧 毆殴 黃黄 溫温 穩穏 ' +
  '假仮 價価 畫画 會会 囘回 壞壊 懷懐 繪絵 槪概 擴拡 殼殻 覺覚 學学 嶽岳 樂楽 喝喝 渴渇 褐褐 勸勧 卷巻 寬寛 歡歓 漢漢 罐缶 觀観 關関 陷陥 巖巌 顏顔 ' +
  '歸帰 氣気 龜亀 僞偽 戲戯 犧犠 舊旧 據拠 擧挙 虛虚 峽峡 挾挟 敎教 狹狭 鄕郷 響響 曉暁 勤勤 謹謹 區区 驅駆 勳勲 薰薫 徑径 惠恵 揭掲 溪渓 經経 螢蛍 ' +
  '輕軽 繼継 鷄鶏 藝芸 擊撃 缺欠 儉倹 劍剣 圈圏 檢検 權権 獻献 硏研 縣県 險険 顯顕 驗験 嚴厳 效効 廣広 恆恒 鑛鉱 號号 國国 黑黒 穀穀 碎砕 濟済 ' +
  '齋斎 劑剤 雜雑 參参 慘惨 棧桟 蠶蚕 贊賛 殘残 絲糸 祉祉 視視 齒歯 兒児 辭辞 濕湿 實実 寫写 社社 者者 煮煮 釋釈 壽寿 收収 臭臭 從従 澁渋 獸獣 ' +
  '縱縦 祝祝 肅粛 處処 暑暑 署署 緖緒 諸諸 敍叙 將将 祥祥 涉渉 燒焼 稱称 證証 奬奨 條条 狀状 乘乗 淨浄 剩剰 疊畳 孃嬢 讓譲 釀醸 觸触 囑嘱 神神 ' +
  '眞真 寢寝 愼慎 盡尽 圖図 粹粋 醉酔 穗穂 隨随 髓髄 樞枢 數数 瀨瀬 聲声 齊斉 靜静 攝摂 節節 專専 戰戦 淺浅 潛潜 纖繊 踐践 錢銭 禪禅 曾曽 祖祖 ' +
  '僧僧 雙双 壯壮 爭争 莊荘 搜捜 插挿 巢巣 總総 聰聡 裝装 層層 騷騒 增増 憎憎 藏蔵 贈贈 臟臓 卽即 屬属 續続 墮堕 對対 體体 帶帯 滯滞 臺台 瀧滝 ' +
  '擇択 澤沢 單単 嘆嘆 擔担 膽胆 團団 彈弾 斷断 癡痴 遲遅 晝昼 蟲虫 鑄鋳 著著 廳庁 徵徴 聽聴 懲懲 敕勅 鎭鎮 塚塚 遞逓 鐵鉄 轉転 點点 傳伝 都都 ' +
  '黨党 盜盗 燈灯 當当 鬭闘 德徳 獨独 讀読 突突 屆届 繩縄 難難 貳弐 惱悩 腦脳 霸覇 拜拝 廢廃 賣売 梅梅 麥麦 發発 髮髪 拔抜 繁繁 晚晩 蠻蛮 卑卑 ' +
  '祕秘 碑碑 濱浜 賓賓 頻頻 敏敏 甁瓶 侮侮 福福 拂払 佛仏 倂併 竝並 塀塀 餠餅 邊辺 變変 辨弁 瓣弁 辯弁 步歩 舖舗 穗穂 寶宝 萠萌 褒褒 豐豊 墨墨 ' +
  '飜翻 每毎 萬万 滿満 免免 默黙 彌弥 譯訳 藥薬 與与 豫予 餘余 譽誉 搖揺 樣様 謠謡 來来 賴頼 亂乱 覽覧 欄欄 龍竜 隆隆 虜虜 兩両 獵猟 綠緑 淚涙 ' +
  '壘塁 類類 勵励 禮礼 隸隷 靈霊 齡齢 曆暦 歷歴 戀恋 爐炉 勞労 廊廊 朗朗 樓楼 郞郎 祿禄 錄録 灣湾 ' +
  // Name variants (異体字).
  '濵浜 﨑崎 嵜崎 埼埼 邉辺 髙高 冨富 嶋島 嶌島 峯峰 舘館 栁柳 曻昇 桒桑 槇槙 藪薮 埜野 凜凛 﨔欅 渕淵 靏鶴 鷗鴎 螺螺 斎斎 吉吉 𠮷吉 隆隆 琢琢';

export const KANA_WORDS =
  // 交ぜ書き: kana standing in for a kanji outside the 常用漢字表.
  'ら致 拉致 だ捕 拿捕 けん制 牽制 ひっ迫 逼迫 ぜい弱 脆弱 漏えい 漏洩 改ざん 改竄 隠ぺい 隠蔽 ねつ造 捏造 せん滅 殲滅 あっせん 斡旋 ' +
  'き損 毀損 ろう城 籠城 しょう戒 哨戒 払しょく 払拭 しゅんせつ 浚渫 へき地 僻地 破たん 破綻 覚せい 覚醒 ばく大 莫大 ゆ着 癒着 ち密 緻密 ' +
  '補てん 補塡 ひょう窃 剽窃 ほう助 幇助 だ捕 拿捕 はく奪 剝奪 けん引 牽引 り患 罹患 か酷 苛酷 ふ化 孵化 しゅん工 竣工 ほ乳 哺乳 ' +
  'とう載 搭載 ら旋 螺旋 いん石 隕石 はん濫 氾濫 ひん死 瀕死 こう着 膠着 ちょう報 諜報 えい航 曳航 ' +
  // Common words written either way.
  '子ども 子供 わが国 我が国 すべて 全て 既に 既に すでに 既に および 及び ならびに 並びに または 又は もしくは 若しくは  ' +
  'いったん 一旦 ほとんど 殆ど おおむね 概ね さまざま 様々 あらためて 改めて いずれ 何れ さらに 更に たとえば 例えば とりわけ 取り分け ' +
  'ふたたび 再び ただちに 直ちに ひそかに 密かに きわめて 極めて たびたび 度々 ようやく 漸く ';
