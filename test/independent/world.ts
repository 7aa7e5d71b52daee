/**
 * Reference data written from domain knowledge (Chinese acquiring, card schemes): what a business
 * of each MCC looks like, where merchants are, card BINs, response codes, names.
 * None of it is read from the project's own tables.
 */

/** How a business writes its prices. */
export type Rounding = 'fen' | 'jiao' | 'yuan' | 'ten' | 'hundred' | 'price';

/** Opening-hour shapes: weights per local hour 0–23. */
export type HoursId = 'grocery' | 'retail' | 'meal' | 'canteen' | 'night' | 'office' | 'hotel' | 'fuel' | 'taxi' | 'medical' | 'salon';

function hours(ranges: readonly (readonly [number, number, number])[]): number[] {
  const weights = new Array<number>(24).fill(0);
  for (const [from, to, w] of ranges) {
    const length = to > from ? to - from : to + 24 - from;
    for (let k = 0; k < length; k++) weights[(from + k) % 24] = (weights[(from + k) % 24] ?? 0) + w;
  }
  return weights;
}

export const HOURS: Readonly<Record<HoursId, readonly number[]>> = {
  grocery: hours([
    [7, 22, 1],
    [17, 20, 1.5],
    [10, 12, 0.5],
  ]),
  retail: hours([
    [10, 22, 1],
    [14, 21, 1],
  ]),
  meal: hours([
    [11, 14, 3],
    [17, 21, 3],
    [10, 22, 0.3],
  ]),
  canteen: hours([
    [7, 9, 2],
    [11, 13, 4],
    [17, 19, 2],
  ]),
  night: hours([
    [20, 3, 2],
    [18, 20, 0.5],
    [3, 5, 0.3],
  ]),
  office: hours([
    [9, 12, 2],
    [13, 17, 2],
    [8, 9, 0.3],
    [17, 19, 0.3],
  ]),
  hotel: hours([
    [0, 24, 0.15],
    [7, 12, 1],
    [14, 23, 1.5],
  ]),
  fuel: hours([
    [6, 23, 1],
    [7, 9, 1],
    [17, 19, 1],
    [23, 6, 0.1],
  ]),
  taxi: hours([
    [6, 24, 1],
    [0, 2, 0.4],
    [7, 10, 1],
    [17, 20, 1],
  ]),
  medical: hours([
    [8, 12, 3],
    [13, 17, 2],
    [17, 21, 0.2],
  ]),
  salon: hours([
    [10, 21, 1],
    [14, 20, 1],
  ]),
};

/** The ordinary trade of one kind of business. Amounts are in CNY (yuan). */
export interface Profile {
  readonly mcc: string;
  /** Short type name used in merchant names. */
  readonly suffixes: readonly string[];
  /** Median ticket, CNY. */
  readonly ticket: number;
  /** Spread of tickets (log-space sigma). */
  readonly sigma: number;
  /** Approved sales a day on an ordinary day (range to draw the merchant's mean from). */
  readonly perDay: readonly [number, number];
  readonly hours: HoursId;
  /** Share of credit cards among customers. */
  readonly credit: number;
  readonly rounding: Rounding;
  /** Share of sales by returning customers. */
  readonly regulars: number;
  /** Weekend volume factor. */
  readonly weekend: number;
  /** Hotels and car rental take pre-authorisations. */
  readonly preauth?: boolean;
  /** Business-to-business: debit / corporate cards, weekday office hours. */
  readonly b2b?: boolean;
  /** Price points for `price` rounding (CNY). */
  readonly prices?: readonly number[];
}

const p = (profile: Profile): Profile => profile;

export const PROFILES: readonly Profile[] = [
  p({
    mcc: '5411',
    suffixes: ['超市', '便利超市', '生活超市'],
    ticket: 68,
    sigma: 0.8,
    perDay: [15, 60],
    hours: 'grocery',
    credit: 0.3,
    rounding: 'fen',
    regulars: 0.4,
    weekend: 1.3,
  }),
  p({
    mcc: '5812',
    suffixes: ['餐厅', '火锅店', '酒家', '烤肉店'],
    ticket: 160,
    sigma: 0.6,
    perDay: [10, 40],
    hours: 'meal',
    credit: 0.4,
    rounding: 'yuan',
    regulars: 0.2,
    weekend: 1.4,
  }),
  p({
    mcc: '5813',
    suffixes: ['酒吧', 'KTV', '清吧'],
    ticket: 520,
    sigma: 0.7,
    perDay: [6, 25],
    hours: 'night',
    credit: 0.55,
    rounding: 'yuan',
    regulars: 0.2,
    weekend: 1.8,
  }),
  p({
    mcc: '5814',
    suffixes: ['快餐', '面馆', '咖啡'],
    ticket: 28,
    sigma: 0.4,
    perDay: [20, 60],
    hours: 'canteen',
    credit: 0.2,
    rounding: 'price',
    regulars: 0.5,
    weekend: 0.8,
    prices: [12, 15, 18, 22, 25, 28, 32, 36],
  }),
  p({
    mcc: '7011',
    suffixes: ['酒店', '宾馆', '商务酒店'],
    ticket: 420,
    sigma: 0.5,
    perDay: [5, 25],
    hours: 'hotel',
    credit: 0.55,
    rounding: 'yuan',
    regulars: 0.05,
    weekend: 1.3,
    preauth: true,
  }),
  p({
    mcc: '7512',
    suffixes: ['汽车租赁'],
    ticket: 600,
    sigma: 0.6,
    perDay: [2, 8],
    hours: 'office',
    credit: 0.7,
    rounding: 'yuan',
    regulars: 0.05,
    weekend: 1.1,
    preauth: true,
  }),
  p({
    mcc: '5732',
    suffixes: ['数码', '电器', '手机店'],
    ticket: 1800,
    sigma: 0.9,
    perDay: [4, 18],
    hours: 'retail',
    credit: 0.5,
    rounding: 'yuan',
    regulars: 0.05,
    weekend: 1.5,
  }),
  p({
    mcc: '5651',
    suffixes: ['服饰', '服装店', '女装'],
    ticket: 320,
    sigma: 0.7,
    perDay: [5, 25],
    hours: 'retail',
    credit: 0.45,
    rounding: 'yuan',
    regulars: 0.1,
    weekend: 1.6,
  }),
  p({
    mcc: '5944',
    suffixes: ['珠宝', '金店', '银楼'],
    ticket: 7800,
    sigma: 1.0,
    perDay: [2, 8],
    hours: 'retail',
    credit: 0.4,
    rounding: 'yuan',
    regulars: 0.03,
    weekend: 1.5,
  }),
  p({
    mcc: '5511',
    suffixes: ['汽车销售服务有限公司', '4S店'],
    ticket: 20000,
    sigma: 0.8,
    perDay: [1, 5],
    hours: 'retail',
    credit: 0.35,
    rounding: 'hundred',
    regulars: 0.02,
    weekend: 1.6,
  }),
  p({
    mcc: '5712',
    suffixes: ['家具', '家居馆'],
    ticket: 5200,
    sigma: 0.9,
    perDay: [1, 6],
    hours: 'retail',
    credit: 0.45,
    rounding: 'yuan',
    regulars: 0.03,
    weekend: 1.7,
  }),
  p({
    mcc: '8011',
    suffixes: ['诊所', '门诊部'],
    ticket: 180,
    sigma: 0.8,
    perDay: [8, 30],
    hours: 'medical',
    credit: 0.2,
    rounding: 'jiao',
    regulars: 0.1,
    weekend: 0.7,
  }),
  p({
    mcc: '8021',
    suffixes: ['口腔诊所', '齿科'],
    ticket: 900,
    sigma: 1.1,
    perDay: [3, 12],
    hours: 'medical',
    credit: 0.35,
    rounding: 'yuan',
    regulars: 0.2,
    weekend: 1.2,
  }),
  p({
    mcc: '8062',
    suffixes: ['医院', '人民医院'],
    ticket: 320,
    sigma: 1.0,
    perDay: [25, 80],
    hours: 'medical',
    credit: 0.15,
    rounding: 'jiao',
    regulars: 0.05,
    weekend: 0.6,
  }),
  p({
    mcc: '8099',
    suffixes: ['健康管理中心', '体检中心'],
    ticket: 650,
    sigma: 0.7,
    perDay: [4, 15],
    hours: 'medical',
    credit: 0.3,
    rounding: 'yuan',
    regulars: 0.05,
    weekend: 0.8,
  }),
  p({
    mcc: '8211',
    suffixes: ['实验学校', '外国语学校'],
    ticket: 1200,
    sigma: 0.8,
    perDay: [1, 6],
    hours: 'office',
    credit: 0.2,
    rounding: 'hundred',
    regulars: 0.05,
    weekend: 0.2,
  }),
  p({
    mcc: '8220',
    suffixes: ['职业技术学院', '学院'],
    ticket: 1500,
    sigma: 0.8,
    perDay: [1, 6],
    hours: 'office',
    credit: 0.2,
    rounding: 'hundred',
    regulars: 0.05,
    weekend: 0.2,
  }),
  p({
    mcc: '8299',
    suffixes: ['培训中心', '教育咨询有限公司'],
    ticket: 2800,
    sigma: 0.7,
    perDay: [1, 6],
    hours: 'salon',
    credit: 0.35,
    rounding: 'hundred',
    regulars: 0.05,
    weekend: 1.8,
  }),
  p({
    mcc: '5039',
    suffixes: ['建材批发部', '建材商行'],
    ticket: 9000,
    sigma: 0.9,
    perDay: [2, 8],
    hours: 'office',
    credit: 0.15,
    rounding: 'hundred',
    regulars: 0.5,
    weekend: 0.4,
    b2b: true,
  }),
  p({
    mcc: '5045',
    suffixes: ['电脑批发', '科技商行'],
    ticket: 8000,
    sigma: 0.9,
    perDay: [2, 8],
    hours: 'office',
    credit: 0.2,
    rounding: 'yuan',
    regulars: 0.5,
    weekend: 0.4,
    b2b: true,
  }),
  p({
    mcc: '5065',
    suffixes: ['电子元器件经营部'],
    ticket: 6000,
    sigma: 1.0,
    perDay: [2, 8],
    hours: 'office',
    credit: 0.15,
    rounding: 'yuan',
    regulars: 0.5,
    weekend: 0.3,
    b2b: true,
  }),
  p({
    mcc: '5072',
    suffixes: ['五金批发部', '五金机电'],
    ticket: 3500,
    sigma: 0.9,
    perDay: [3, 10],
    hours: 'office',
    credit: 0.15,
    rounding: 'ten',
    regulars: 0.6,
    weekend: 0.5,
    b2b: true,
  }),
  p({
    mcc: '5111',
    suffixes: ['文具批发', '办公用品商行'],
    ticket: 2500,
    sigma: 0.9,
    perDay: [2, 8],
    hours: 'office',
    credit: 0.15,
    rounding: 'ten',
    regulars: 0.6,
    weekend: 0.3,
    b2b: true,
  }),
  p({
    mcc: '5122',
    suffixes: ['医药批发', '药业有限公司'],
    ticket: 12000,
    sigma: 0.8,
    perDay: [2, 6],
    hours: 'office',
    credit: 0.1,
    rounding: 'yuan',
    regulars: 0.7,
    weekend: 0.2,
    b2b: true,
  }),
  p({
    mcc: '5137',
    suffixes: ['服装批发档口'],
    ticket: 4500,
    sigma: 0.8,
    perDay: [3, 12],
    hours: 'office',
    credit: 0.2,
    rounding: 'hundred',
    regulars: 0.6,
    weekend: 0.6,
    b2b: true,
  }),
  p({
    mcc: '5139',
    suffixes: ['鞋业批发'],
    ticket: 5000,
    sigma: 0.8,
    perDay: [2, 8],
    hours: 'office',
    credit: 0.2,
    rounding: 'hundred',
    regulars: 0.6,
    weekend: 0.5,
    b2b: true,
  }),
  p({
    mcc: '5169',
    suffixes: ['化工经营部'],
    ticket: 15000,
    sigma: 0.8,
    perDay: [1, 5],
    hours: 'office',
    credit: 0.1,
    rounding: 'hundred',
    regulars: 0.7,
    weekend: 0.2,
    b2b: true,
  }),
  p({
    mcc: '5172',
    suffixes: ['石油制品经销部', '润滑油批发'],
    ticket: 12000,
    sigma: 0.8,
    perDay: [1, 5],
    hours: 'office',
    credit: 0.1,
    rounding: 'hundred',
    regulars: 0.7,
    weekend: 0.3,
    b2b: true,
  }),
  p({
    mcc: '5192',
    suffixes: ['图书批发', '书刊发行'],
    ticket: 3000,
    sigma: 0.8,
    perDay: [2, 8],
    hours: 'office',
    credit: 0.15,
    rounding: 'ten',
    regulars: 0.6,
    weekend: 0.3,
    b2b: true,
  }),
  p({
    mcc: '5198',
    suffixes: ['油漆涂料批发'],
    ticket: 6000,
    sigma: 0.8,
    perDay: [1, 6],
    hours: 'office',
    credit: 0.15,
    rounding: 'hundred',
    regulars: 0.6,
    weekend: 0.4,
    b2b: true,
  }),
  p({
    mcc: '5541',
    suffixes: ['加油站'],
    ticket: 260,
    sigma: 0.4,
    perDay: [20, 70],
    hours: 'fuel',
    credit: 0.35,
    rounding: 'price',
    regulars: 0.3,
    weekend: 1.1,
    prices: [100, 150, 200, 200, 250, 300, 300, 350, 400, 500],
  }),
  p({
    mcc: '7230',
    suffixes: ['美发', '造型', '理发店'],
    ticket: 120,
    sigma: 0.7,
    perDay: [5, 20],
    hours: 'salon',
    credit: 0.3,
    rounding: 'ten',
    regulars: 0.5,
    weekend: 1.5,
  }),
  p({
    mcc: '4121',
    suffixes: ['出租汽车公司', '客运'],
    ticket: 32,
    sigma: 0.5,
    perDay: [10, 35],
    hours: 'taxi',
    credit: 0.3,
    rounding: 'jiao',
    regulars: 0.05,
    weekend: 1.0,
  }),
  p({
    mcc: '5499',
    suffixes: ['食品店', '副食品店', '烘焙坊'],
    ticket: 45,
    sigma: 0.6,
    perDay: [10, 40],
    hours: 'grocery',
    credit: 0.25,
    rounding: 'jiao',
    regulars: 0.4,
    weekend: 1.2,
  }),
  p({
    mcc: '5912',
    suffixes: ['大药房', '药店'],
    ticket: 85,
    sigma: 0.8,
    perDay: [10, 35],
    hours: 'grocery',
    credit: 0.25,
    rounding: 'jiao',
    regulars: 0.3,
    weekend: 1.0,
  }),
  p({
    mcc: '7997',
    suffixes: ['健身俱乐部', '高尔夫俱乐部', '游泳馆'],
    ticket: 680,
    sigma: 1.0,
    perDay: [2, 10],
    hours: 'salon',
    credit: 0.45,
    rounding: 'hundred',
    regulars: 0.2,
    weekend: 1.5,
  }),
  p({
    mcc: '5999',
    suffixes: ['百货商行', '礼品店', '杂货店'],
    ticket: 150,
    sigma: 0.9,
    perDay: [5, 25],
    hours: 'retail',
    credit: 0.35,
    rounding: 'yuan',
    regulars: 0.2,
    weekend: 1.3,
  }),
  p({
    mcc: '5311',
    suffixes: ['百货商场', '购物中心'],
    ticket: 480,
    sigma: 0.9,
    perDay: [20, 60],
    hours: 'retail',
    credit: 0.5,
    rounding: 'fen',
    regulars: 0.1,
    weekend: 1.6,
  }),
  p({
    mcc: '7538',
    suffixes: ['汽车维修', '汽修厂'],
    ticket: 900,
    sigma: 0.9,
    perDay: [2, 10],
    hours: 'office',
    credit: 0.3,
    rounding: 'yuan',
    regulars: 0.2,
    weekend: 1.0,
  }),
  p({
    mcc: '5933',
    suffixes: ['典当行', '寄卖行'],
    ticket: 6000,
    sigma: 1.0,
    perDay: [1, 5],
    hours: 'office',
    credit: 0.3,
    rounding: 'hundred',
    regulars: 0.2,
    weekend: 0.6,
  }),
  p({
    mcc: '7994',
    suffixes: ['电玩城', '游艺厅'],
    ticket: 200,
    sigma: 0.7,
    perDay: [6, 25],
    hours: 'night',
    credit: 0.3,
    rounding: 'hundred',
    regulars: 0.3,
    weekend: 1.8,
  }),
  p({
    mcc: '7298',
    suffixes: ['养生馆', 'SPA会所', '足浴'],
    ticket: 360,
    sigma: 0.6,
    perDay: [4, 15],
    hours: 'night',
    credit: 0.4,
    rounding: 'ten',
    regulars: 0.35,
    weekend: 1.4,
  }),
];

export function profileOf(mcc: string): Profile {
  const found = PROFILES.find((profile) => profile.mcc === mcc);
  if (found === undefined) throw new Error(`no profile for MCC ${mcc}`);
  return found;
}

/** MCCs whose ordinary tickets are small (good covers for low-fee or cash-out schemes). */
export const SMALL_TICKET_MCCS = ['5411', '5814', '5499', '5912', '4121', '7230', '8011', '5541'] as const;
/** Ordinary retail MCCs to hide a cause among genuine trade. */
export const RETAIL_MCCS = ['5411', '5812', '5651', '5732', '5999', '5499', '5912', '7230', '5311', '7538', '5712', '5814'] as const;
/** Wholesale MCCs. */
export const WHOLESALE_MCCS = ['5039', '5045', '5065', '5072', '5111', '5122', '5137', '5139', '5169', '5172', '5192', '5198'] as const;

/** A city with its UnionPay-style four-digit area code. */
export interface City {
  readonly name: string;
  readonly area: string;
  readonly lat: number;
  readonly lng: number;
  readonly zone: string;
  readonly currency: string;
  /** Units of the local currency per CNY (for scaling amounts). */
  readonly fx: number;
}

const CN = (name: string, area: string, lat: number, lng: number, zone = 'Asia/Shanghai'): City => ({
  name,
  area,
  lat,
  lng,
  zone,
  currency: 'CNY',
  fx: 1,
});

export const CN_CITIES: readonly City[] = [
  CN('上海', '2900', 31.2304, 121.4737),
  CN('北京', '1000', 39.9042, 116.4074),
  CN('广州', '5810', 23.1291, 113.2644),
  CN('深圳', '5840', 22.5431, 114.0579),
  CN('杭州', '3310', 30.2741, 120.1551),
  CN('成都', '6510', 30.5728, 104.0668),
  CN('武汉', '5210', 30.5928, 114.3055),
  CN('西安', '7910', 34.3416, 108.9398),
  CN('南京', '3010', 32.0603, 118.7969),
  CN('重庆', '6530', 29.563, 106.5516),
  CN('苏州', '3050', 31.2989, 120.5853),
  CN('郑州', '4910', 34.7466, 113.6254),
  CN('昆明', '7310', 25.0389, 102.7183),
  CN('哈尔滨', '2610', 45.8038, 126.535),
  CN('厦门', '3930', 24.4798, 118.0894),
  CN('长沙', '5510', 28.2282, 112.9388),
  CN('青岛', '4520', 36.0671, 120.3826),
  CN('三亚', '6420', 18.2528, 109.512),
];

export const XJ_CITIES: readonly City[] = [
  CN('乌鲁木齐', '8810', 43.8256, 87.6168, 'Asia/Urumqi'),
  CN('喀什', '8940', 39.4704, 75.9898, 'Asia/Urumqi'),
];

export const FOREIGN_CITIES: readonly City[] = [
  { name: 'Hong Kong', area: '0852', lat: 22.2793, lng: 114.1628, zone: 'Asia/Hong_Kong', currency: 'HKD', fx: 1.08 },
  { name: 'Singapore', area: '0065', lat: 1.2903, lng: 103.8519, zone: 'Asia/Singapore', currency: 'SGD', fx: 0.185 },
  { name: 'New York', area: '0001', lat: 40.7128, lng: -74.006, zone: 'America/New_York', currency: 'USD', fx: 0.138 },
  { name: 'London', area: '0044', lat: 51.5072, lng: -0.1276, zone: 'Europe/London', currency: 'GBP', fx: 0.108 },
];

/** Far-away places a relocated terminal turns up in, per home zone (≥ 100 km from every city of it). */
export const FOREIGN_AWAY: Readonly<Record<string, readonly { lat: number; lng: number }[]>> = {
  'Asia/Hong_Kong': [{ lat: 23.1291, lng: 113.2644 }],
  'Asia/Singapore': [{ lat: 3.139, lng: 101.6869 }],
  'America/New_York': [
    { lat: 42.3601, lng: -71.0589 },
    { lat: 38.9072, lng: -77.0369 },
  ],
  'Europe/London': [
    { lat: 53.4808, lng: -2.2426 },
    { lat: 52.4862, lng: -1.8904 },
  ],
};

/** Great-circle distance in km. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Issuer BINs (first six digits) by card kind; only ever shown masked. */
export const BINS = {
  credit: ['622588', '625802', '622155', '436742', '512315', '625967', '622689', '356895', '524374', '622836', '628290', '625955'],
  debit: ['621700', '622848', '621226', '622202', '621483', '623058', '622908', '621661', '620522', '621799', '622262', '621462'],
  prepaid: ['623528', '620088', '622260'],
  foreign: ['414720', '426684', '542418', '552233', '479227', '453201', '371449'],
} as const;

/** ISO 8583 / CUPS response codes an ordinary merchant sees, weighted. */
export const ORDINARY_DECLINES: readonly (readonly [string, number])[] = [
  ['51', 34], // insufficient funds
  ['55', 24], // incorrect PIN
  ['05', 10], // do not honour
  ['54', 7], // expired card
  ['61', 7], // exceeds amount limit
  ['65', 3], // exceeds frequency limit
  ['75', 3], // PIN tries exceeded
  ['91', 3], // issuer unavailable
  ['96', 2], // system malfunction
  ['57', 2], // not permitted to cardholder
  ['62', 1], // restricted card
  ['12', 1], // invalid transaction
  ['14', 1], // invalid card number
  ['41', 0.5], // lost card
  ['43', 0.5], // stolen card
];

/** Codes a card tester or a stolen-card user collects. */
export const TESTING_DECLINES: readonly (readonly [string, number])[] = [
  ['14', 30],
  ['54', 15],
  ['55', 15],
  ['05', 15],
  ['41', 6],
  ['43', 6],
  ['57', 5],
  ['62', 5],
  ['33', 3],
];

/** Codes of an issuer or network outage. */
export const OUTAGE_DECLINES: readonly (readonly [string, number])[] = [
  ['91', 50],
  ['96', 30],
  ['68', 20],
];

/** Brand words for merchant names. */
export const BRANDS = [
  '鑫源',
  '华联',
  '福满多',
  '金利来',
  '老码头',
  '宏达',
  '顺发',
  '恒通',
  '佳美',
  '百合',
  '晨光',
  '东方',
  '盛世',
  '御景',
  '新概念',
  '万家',
  '永和',
  '聚贤',
  '汇丰源',
  '明珠',
  '锦绣',
  '天成',
  '瑞祥',
  '好邻居',
  '阿里木',
  '丝路',
] as const;
