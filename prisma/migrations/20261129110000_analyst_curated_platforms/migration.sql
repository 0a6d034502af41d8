-- Analysts read cases and figures but never victims personal data (issue 7).
ALTER TYPE "Role" ADD VALUE 'analyst';

-- Curated platforms: always offered by the platform filter of the case board.
ALTER TABLE "Platform" ADD COLUMN     "curated" BOOLEAN NOT NULL DEFAULT false;

-- Major shopping, payment and courier platforms named in scam reports, in both languages.
INSERT INTO "Platform" ("key", "name", "curated") VALUES
  ('taobao', 'Taobao', true),
  ('淘宝', '淘宝', true),
  ('tmall', 'Tmall', true),
  ('天猫', '天猫', true),
  ('jd.com', 'JD.com', true),
  ('京东', '京东', true),
  ('pinduoduo', 'Pinduoduo', true),
  ('拼多多', '拼多多', true),
  ('douyin', 'Douyin', true),
  ('douyin mall', 'Douyin Mall', true),
  ('抖音', '抖音', true),
  ('kuaishou', 'Kuaishou', true),
  ('快手', '快手', true),
  ('xianyu', 'Xianyu', true),
  ('闲鱼', '闲鱼', true),
  ('meituan', 'Meituan', true),
  ('美团', '美团', true),
  ('vipshop', 'Vipshop', true),
  ('唯品会', '唯品会', true),
  ('xiaohongshu', 'Xiaohongshu', true),
  ('小红书', '小红书', true),
  ('alipay', 'Alipay', true),
  ('支付宝', '支付宝', true),
  ('wechat', 'WeChat', true),
  ('微信', '微信', true),
  ('unionpay', 'UnionPay', true),
  ('云闪付', '云闪付', true),
  ('sf express', 'SF Express', true),
  ('顺丰速运', '顺丰速运', true),
  ('zto express', 'ZTO Express', true),
  ('中通快递', '中通快递', true),
  ('yto express', 'YTO Express', true),
  ('圆通速递', '圆通速递', true),
  ('sto express', 'STO Express', true),
  ('申通快递', '申通快递', true),
  ('yunda express', 'Yunda Express', true),
  ('韵达快递', '韵达快递', true),
  ('china post ems', 'China Post EMS', true),
  ('中国邮政', '中国邮政', true),
  ('jd logistics', 'JD Logistics', true),
  ('京东物流', '京东物流', true),
  ('j&t express', 'J&T Express', true),
  ('极兔速递', '极兔速递', true)
ON CONFLICT ("key") DO UPDATE SET "curated" = true;
