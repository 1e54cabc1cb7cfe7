/**
 * Traditional → simplified for the characters of everyday shop chat (match edition 2): a red line
 * written in traditional characters (好評返現, 加我微信號, 腦殘) reads as the simplified words the
 * rules list. One character to one character, so spans map back unchanged. Not a converter:
 * only common characters whose simplified form is one character and never another word's.
 */
const PAIRS =
  '評评現现紅红買买賣卖轉转帳账賬账號号聯联係系圖图價价錢钱禮礼給给腦脑殘残媽妈們们麼么麽么嗎吗會会說说' +
  '關关愛爱過过這这個个發发讓让來来對对還还時时間间問问題题頭头點点東东線线際际當当寶宝貨货單单優优領领' +
  '獎奖勵励贈赠曬晒與与應应該该請请謝谢親亲購购訂订郵邮費费運运務务無无長长開开見见滾滚賤贱騙骗廢废髒脏' +
  '閉闭煩烦聽听話话進进衛卫訊讯碼码戶户銀银實实體体約约經经神神病病瘋疯傻傻蠢蠢豬猪狗狗滅灭擊击罵骂態态' +
  '麗丽歡欢門门網网絡络辦办戲戏級级紙纸錯错鬧闹懶懒氣气腫肿舊旧鋪铺攤摊廠厂質质飾饰視视認认識识讀读寫写' +
  '幣币額额雙双鍵键鐘钟幾几萬万億亿區区樣样齊齐處处備备註注壞坏讀读選选換换賠赔償偿補补審审層层鬆松緊紧' +
  '減减邊边條条隻只幫帮獲获覺觉誰谁為为從从眾众於于貼贴動动紀纪錄录標标準准確确員员屬属戰战爛烂掃扫鎖锁';

export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < PAIRS.length; i += 2) if (PAIRS[i] !== PAIRS[i + 1]) map.set(PAIRS[i], PAIRS[i + 1]);
  return map;
})();
