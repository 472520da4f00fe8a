package org.wanglai.host.internal.demo;

import java.math.BigDecimal;
import java.util.List;

/**
 * Fixed reference data of the demo host: regions, cities, channels, users, industries, the customer category tree,
 * product categories, payment terms and cost pools. Everything here is constant, in a fixed order, so ids are stable.
 */
final class DemoCatalog {

    private DemoCatalog() {
    }

    record Region(long id, String code, String nameZh, String nameEn) {
    }

    record City(String name, int region, int weight) {
    }

    record Channel(long id, String code, String nameZh, String nameEn) {
    }

    record User(long id, String login, String name, String role, int region) {
    }

    /** An industry: its label, its share of customers, the words used in company names, its preferred products. */
    record Industry(String nameZh, int weight, String[] words, int[] productCategories) {
    }

    record Category(long id, Long parentId, String code, String nameZh, String nameEn, BigDecimal creditWatchPct) {
    }

    record ProductCategory(long id, String code, String nameZh, String nameEn, String[] nouns, String[] uoms,
            double costMedian, double marginMin, double marginMax, boolean decimalQty) {
    }

    record TermLine(long id, int seq, BigDecimal percent, String type, int netDays, Integer fixDay, Integer fixOffset,
            Integer fixCutoff) {
    }

    record Term(long id, String code, String nameZh, String nameEn, String type, int netDays, Integer fixDay,
            Integer fixOffset, Integer fixCutoff, int graceDays, List<TermLine> lines) {

        boolean split() {
            return "SPLIT".equals(type);
        }
    }

    record CostPool(long id, String code, String nameZh, String nameEn) {
    }

    // Region indexes, used by cities and users.
    static final int EAST = 0;
    static final int SOUTH = 1;
    static final int NORTH = 2;
    static final int CENTRAL = 3;
    static final int SOUTHWEST = 4;
    static final int NORTHWEST = 5;
    static final int NORTHEAST = 6;

    static final List<Region> REGIONS = List.of(
            new Region(1, "EAST", "华东", "East China"),
            new Region(2, "SOUTH", "华南", "South China"),
            new Region(3, "NORTH", "华北", "North China"),
            new Region(4, "CENTRAL", "华中", "Central China"),
            new Region(5, "SOUTHWEST", "西南", "Southwest China"),
            new Region(6, "NORTHWEST", "西北", "Northwest China"),
            new Region(7, "NORTHEAST", "东北", "Northeast China"));

    static final City[] CITIES = {
        new City("上海", EAST, 10), new City("杭州", EAST, 6), new City("南京", EAST, 5), new City("苏州", EAST, 5),
        new City("宁波", EAST, 3), new City("无锡", EAST, 3), new City("合肥", EAST, 3), new City("济南", EAST, 3),
        new City("青岛", EAST, 3), new City("福州", EAST, 2), new City("厦门", EAST, 2), new City("温州", EAST, 2),
        new City("深圳", SOUTH, 8), new City("广州", SOUTH, 7), new City("东莞", SOUTH, 4), new City("佛山", SOUTH, 3),
        new City("南宁", SOUTH, 1), new City("海口", SOUTH, 1),
        new City("北京", NORTH, 9), new City("天津", NORTH, 4), new City("石家庄", NORTH, 2), new City("太原", NORTH, 1),
        new City("呼和浩特", NORTH, 1),
        new City("武汉", CENTRAL, 4), new City("长沙", CENTRAL, 3), new City("郑州", CENTRAL, 3),
        new City("南昌", CENTRAL, 2),
        new City("成都", SOUTHWEST, 5), new City("重庆", SOUTHWEST, 4), new City("昆明", SOUTHWEST, 1),
        new City("贵阳", SOUTHWEST, 1),
        new City("西安", NORTHWEST, 3), new City("兰州", NORTHWEST, 1), new City("乌鲁木齐", NORTHWEST, 1),
        new City("银川", NORTHWEST, 1),
        new City("沈阳", NORTHEAST, 2), new City("大连", NORTHEAST, 2), new City("长春", NORTHEAST, 1),
        new City("哈尔滨", NORTHEAST, 1),
    };

    static final int ONLINE = 0;
    static final int OFFLINE = 1;
    static final int AGENT = 2;

    static final List<Channel> CHANNELS = List.of(
            new Channel(1, "ONLINE", "线上", "Online"),
            new Channel(2, "OFFLINE", "线下", "Offline"),
            new Channel(3, "AGENT", "代理商", "Agent"));

    private static final String[] SALES_NAMES = {
        "张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴婷",
        "徐涛", "孙丽", "马超", "朱琳", "胡斌", "郭强", "何欣", "林峰", "高倩", "罗军",
    };
    /** Region of each salesperson, in the order of {@link #SALES_NAMES}: 6 east, 4 south, 3 north, ... */
    private static final int[] SALES_REGIONS = {
        EAST, EAST, EAST, EAST, EAST, EAST, SOUTH, SOUTH, SOUTH, SOUTH,
        NORTH, NORTH, NORTH, CENTRAL, CENTRAL, SOUTHWEST, SOUTHWEST, NORTHWEST, NORTHEAST, NORTHEAST,
    };
    private static final String[] ACCOUNTANT_NAMES = {"谢红", "宋佳", "唐明", "韩雪"};

    static final List<User> USERS = users();

    private static List<User> users() {
        User[] all = new User[SALES_NAMES.length + ACCOUNTANT_NAMES.length];
        for (int i = 0; i < SALES_NAMES.length; i++) {
            all[i] = new User(i + 1, String.format("sales%02d", i + 1), SALES_NAMES[i], "SALES", SALES_REGIONS[i]);
        }
        for (int i = 0; i < ACCOUNTANT_NAMES.length; i++) {
            all[SALES_NAMES.length + i] = new User(SALES_NAMES.length + i + 1, String.format("acct%02d", i + 1),
                    ACCOUNTANT_NAMES[i], "ACCOUNTANT", -1);
        }
        return List.of(all);
    }

    static final int IND_MANUFACTURING = 0;
    static final int IND_WHOLESALE = 1;
    static final int IND_RETAIL = 2;
    static final int IND_CONSTRUCTION = 3;
    static final int IND_IT = 4;
    static final int IND_PHARMA = 5;
    static final int IND_LOGISTICS = 6;
    static final int IND_CATERING = 7;
    static final int IND_EDUCATION = 8;
    static final int IND_ENERGY = 9;

    // Product category indexes (0-based) in PRODUCT_CATEGORIES.
    static final Industry[] INDUSTRIES = {
        new Industry("制造业", 22, new String[] {"机械制造", "精密机械", "电子科技", "五金制品", "塑胶制品", "汽车配件"},
                new int[] {0, 1, 2, 5, 6}),
        new Industry("批发", 18, new String[] {"贸易", "商贸", "供应链管理", "进出口贸易"}, new int[] {3, 4, 9, 6}),
        new Industry("零售", 14, new String[] {"百货", "商业连锁", "超市", "便利店管理"}, new int[] {9, 3, 4}),
        new Industry("建筑", 9, new String[] {"建设工程", "建筑安装", "装饰工程", "建材"}, new int[] {0, 6, 2}),
        new Industry("信息技术", 10, new String[] {"信息技术", "软件", "网络科技", "数据科技"}, new int[] {7, 1, 3}),
        new Industry("医药", 7, new String[] {"医药", "生物科技", "医疗器械"}, new int[] {8, 5, 4}),
        new Industry("物流", 8, new String[] {"物流", "供应链", "运输", "仓储服务"}, new int[] {4, 3, 6}),
        new Industry("餐饮", 6, new String[] {"餐饮管理", "食品", "饮品"}, new int[] {9, 4}),
        new Industry("教育", 3, new String[] {"教育科技", "培训"}, new int[] {7, 3}),
        new Industry("能源", 3, new String[] {"新能源", "能源科技", "电力设备"}, new int[] {1, 2, 0}),
    };

    /** Characters that make up a company's trade name (字号); two distinct ones per name. */
    static final String BRAND_CHARS =
            "华盛鑫恒泰宏远德瑞丰达通新源嘉隆昌兴佳信益创联海天金宝荣利和安康明辉正中鼎伟博成汇晨峰腾凯骏诚润永富东方星宇禾亿百祥合晟";

    static final String SCALE_SMALL = "小微";
    static final String SCALE_MEDIUM = "中型";
    static final String SCALE_LARGE = "大型";

    // Customer category tree, coding rule 2-2. Customers attach to leaves only; "06" is a level-1 leaf.
    static final long CAT_WHOLESALE_EAST = 2;
    static final long CAT_WHOLESALE_SOUTH = 3;
    static final long CAT_WHOLESALE_NORTH = 4;
    static final long CAT_WHOLESALE_WEST = 5;
    static final long CAT_RETAIL_CHAIN = 7;
    static final long CAT_RETAIL_STORE = 8;
    static final long CAT_RETAIL_ONLINE = 9;
    static final long CAT_PROJECT_BUILD = 11;
    static final long CAT_PROJECT_GOV = 12;
    static final long CAT_MANUF_LARGE = 14;
    static final long CAT_MANUF_SME = 15;
    static final long CAT_AGENT_1 = 17;
    static final long CAT_AGENT_2 = 18;
    static final long CAT_OTHER = 19;

    static final List<Category> CATEGORIES = List.of(
            new Category(1, null, "01", "批发客户", "Wholesale", new BigDecimal("85.00")),
            new Category(2, 1L, "0101", "华东批发", "Wholesale East", null),
            new Category(3, 1L, "0102", "华南批发", "Wholesale South", null),
            new Category(4, 1L, "0103", "北方批发", "Wholesale North", null),
            new Category(5, 1L, "0104", "中西部批发", "Wholesale Central & West", null),
            new Category(6, null, "02", "零售客户", "Retail", null),
            new Category(7, 6L, "0201", "连锁零售", "Retail chains", null),
            new Category(8, 6L, "0202", "独立门店", "Independent stores", null),
            new Category(9, 6L, "0203", "电商卖家", "Online sellers", null),
            new Category(10, null, "03", "工程项目客户", "Projects", new BigDecimal("80.00")),
            new Category(11, 10L, "0301", "建筑工程", "Construction projects", null),
            new Category(12, 10L, "0302", "政企项目", "Government & enterprise projects", null),
            new Category(13, null, "04", "制造业客户", "Manufacturers", null),
            new Category(14, 13L, "0401", "大型制造", "Large manufacturers", null),
            new Category(15, 13L, "0402", "中小制造", "SME manufacturers", null),
            new Category(16, null, "05", "代理商", "Agents", null),
            new Category(17, 16L, "0501", "一级代理", "Tier-1 agents", null),
            new Category(18, 16L, "0502", "二级代理", "Tier-2 agents", null),
            new Category(19, null, "06", "其他客户", "Other", null));

    static final List<ProductCategory> PRODUCT_CATEGORIES = List.of(
            new ProductCategory(1, "01", "原材料", "Raw materials",
                    new String[] {"冷轧钢板", "铝锭", "铜线", "不锈钢管", "PP颗粒", "ABS颗粒", "镀锌板"},
                    new String[] {"千克", "吨"}, 25, 0.10, 0.22, true),
            new ProductCategory(2, "02", "电子元器件", "Electronic components",
                    new String[] {"贴片电阻", "电解电容", "单片机", "继电器", "连接器", "电源模块", "传感器"},
                    new String[] {"个", "盒"}, 6, 0.20, 0.45, false),
            new ProductCategory(3, "03", "机械配件", "Mechanical parts",
                    new String[] {"轴承", "齿轮", "联轴器", "液压阀", "气缸", "减速机"},
                    new String[] {"件", "套"}, 260, 0.18, 0.40, false),
            new ProductCategory(4, "04", "办公用品", "Office supplies",
                    new String[] {"打印纸", "墨盒", "文件柜", "办公椅", "碎纸机", "白板"},
                    new String[] {"箱", "件"}, 70, 0.15, 0.35, false),
            new ProductCategory(5, "05", "包装材料", "Packaging",
                    new String[] {"纸箱", "缠绕膜", "气泡袋", "托盘", "封箱胶带"},
                    new String[] {"个", "卷", "箱"}, 15, 0.12, 0.30, false),
            new ProductCategory(6, "06", "化工产品", "Chemicals",
                    new String[] {"工业酒精", "润滑油", "环氧树脂", "涂料", "清洗剂"},
                    new String[] {"千克", "桶"}, 35, 0.15, 0.35, true),
            new ProductCategory(7, "07", "五金工具", "Hardware & tools",
                    new String[] {"电钻", "扳手套装", "角磨机", "螺丝刀套装", "卷尺"},
                    new String[] {"把", "套"}, 120, 0.20, 0.45, false),
            new ProductCategory(8, "08", "软件与服务", "Software & services",
                    new String[] {"软件许可", "年度维保", "实施服务", "培训服务", "云服务订阅"},
                    new String[] {"套", "次", "年"}, 4500, 0.40, 0.60, false),
            new ProductCategory(9, "09", "医疗耗材", "Medical consumables",
                    new String[] {"医用口罩", "注射器", "检验试剂", "医用手套", "医用纱布"},
                    new String[] {"盒", "箱"}, 55, 0.20, 0.45, false),
            new ProductCategory(10, "10", "食品饮料", "Food & beverages",
                    new String[] {"矿泉水", "茶饮料", "食用油", "大米", "方便面"},
                    new String[] {"箱", "件"}, 45, 0.10, 0.20, false));

    // Payment term indexes into TERMS.
    static final int T_COD = 0;
    static final int T_NET15 = 1;
    static final int T_NET30 = 2;
    static final int T_NET60 = 3;
    static final int T_EOM30 = 4;
    static final int T_EOM60 = 5;
    static final int T_EOQ30 = 6;
    static final int T_FIX10 = 7;
    static final int T_FIX25 = 8;
    static final int T_SPLIT_30_70 = 9;
    static final int T_SPLIT_EOM = 10;
    static final int T_SPLIT_40_30_30 = 11;

    static final List<Term> TERMS = List.of(
            new Term(1, "COD", "货到付款", "Cash on delivery", "NET", 0, null, null, null, 0, List.of()),
            new Term(2, "NET15", "15天", "Net 15 days", "NET", 15, null, null, null, 0, List.of()),
            new Term(3, "NET30", "30天", "Net 30 days", "NET", 30, null, null, null, 5, List.of()),
            new Term(4, "NET60", "60天", "Net 60 days", "NET", 60, null, null, null, 0, List.of()),
            new Term(5, "EOM30", "月结30天", "End of month + 30 days", "EOM", 30, null, null, null, 3, List.of()),
            new Term(6, "EOM60", "月结60天", "End of month + 60 days", "EOM", 60, null, null, null, 0, List.of()),
            new Term(7, "EOQ30", "季结30天", "End of quarter + 30 days", "EOQ", 30, null, null, null, 7, List.of()),
            new Term(8, "FIX10", "次月10日付款", "10th of next month", "FIXED_DAY", 0, 10, 1, 31, 0, List.of()),
            new Term(9, "FIX25", "每月25日付款(15日截止)", "25th, cut-off 15th", "FIXED_DAY", 0, 25, 0, 15, 0,
                    List.of()),
            new Term(10, "SPLIT3070", "30%预付 70%60天", "30% now, 70% net 60", "SPLIT", 0, null, null, null, 0,
                    List.of(new TermLine(1, 1, new BigDecimal("30.0000"), "NET", 0, null, null, null),
                            new TermLine(2, 2, new BigDecimal("70.0000"), "NET", 60, null, null, null))),
            new Term(11, "SPLITEOM", "50%月结30天 50%月结60天", "50% EOM+30, 50% EOM+60", "SPLIT", 0, null, null,
                    null, 0,
                    List.of(new TermLine(3, 1, new BigDecimal("50.0000"), "EOM", 30, null, null, null),
                            new TermLine(4, 2, new BigDecimal("50.0000"), "EOM", 60, null, null, null))),
            new Term(12, "SPLIT403030", "40%30天 30%60天 30%90天", "40/30/30 over 30/60/90 days", "SPLIT", 0, null,
                    null, null, 10,
                    List.of(new TermLine(5, 1, new BigDecimal("40.0000"), "NET", 30, null, null, null),
                            new TermLine(6, 2, new BigDecimal("30.0000"), "NET", 60, null, null, null),
                            new TermLine(7, 3, new BigDecimal("30.0000"), "NET", 90, null, null, null))));

    static final int POOL_ORDER_HANDLING = 0;
    static final int POOL_DELIVERY = 1;
    static final int POOL_WAREHOUSE = 2;
    static final int POOL_SUPPORT = 3;
    static final int POOL_COLLECTION = 4;
    static final int POOL_MARKETING_ONLINE = 5;
    static final int POOL_MARKETING_OFFLINE = 6;
    static final int POOL_MARKETING_AGENT = 7;
    static final int POOL_FINANCE = 8;

    static final List<CostPool> COST_POOLS = List.of(
            new CostPool(1, "ORDER_HANDLING", "订单处理", "Order handling"),
            new CostPool(2, "DELIVERY", "物流配送", "Delivery"),
            new CostPool(3, "WAREHOUSE", "仓储管理", "Warehousing"),
            new CostPool(4, "SUPPORT", "客户服务", "Customer support"),
            new CostPool(5, "COLLECTION", "催收", "Collection"),
            new CostPool(6, "MARKETING_ONLINE", "线上营销", "Online marketing"),
            new CostPool(7, "MARKETING_OFFLINE", "线下推广", "Field marketing"),
            new CostPool(8, "MARKETING_AGENT", "代理佣金", "Agent commission"),
            new CostPool(9, "FINANCE", "财务费用", "Bank & finance charges"));

    /** Demand multiplier by calendar month (index 0 = January): Chinese New Year dip, Q4 peak. */
    static final double[] SEASON = {0.80, 0.58, 1.00, 1.02, 0.97, 1.05, 0.95, 0.95, 1.05, 1.00, 1.18, 1.32};

    static final String[] DISPUTE_REASONS = {
        "质量问题 Quality issue", "数量差异 Quantity difference", "价格争议 Price dispute",
        "发票信息错误 Wrong invoice details", "交货延迟 Late delivery", "包装破损 Damaged packaging",
    };
}
