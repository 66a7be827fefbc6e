namespace Vigil.Bench;

/// <summary>
/// The synthetic corpus's vocabulary, written for this harness (not taken from any corpus). Each language has
/// a "common" tier drawn token by token from a Zipf–Mandelbrot distribution in list order (so the first
/// entries are the very common ones) and a "rare" tier of which a document holds at most a couple, drawn
/// from a second Zipf distribution: together they give very common, medium and rare terms.
/// </summary>
internal static class Vocabulary
{
    // Order matters: rank 1 first. "development" sits near rank 12, "security" near 25, "national security" near 60.
    private const string EnglishCommonText = """
        the of and to in a is that for on with as by this be are it from at development an was have has not
        which will its or their been security more also we our all new should must can other these such into between
        than were they over under while those through both only after most each many any some may about would could
        there where when who people policy government state country national economic public system work year years support
        international world cooperation region regional local law national_security rights market trade growth social cultural military
        defense science technology research energy industry industrial financial finance investment reform plan strategy report council
        committee party leadership community health education environment environmental water food land urban rural city cities
        population income workers labor enterprise enterprises company companies service services data information network digital
        infrastructure transport rail road port agriculture farmers climate risk risks crisis stability peace order power authority
        governance management program programs project projects institution institutions resources budget tax taxes price prices
        capital bank banks credit debt currency exports imports supply demand production output quality standard standards rule
        rules legal court courts justice police border borders foreign domestic global strategic political history historical
        future modern traditional culture society family families youth children women students schools university universities
        hospital medical care housing poverty progress goal goals target targets measures action actions effort efforts level
        levels process approach framework mechanism mechanisms capacity innovation modernization integration openness opening
        exchange exchanges dialogue partners partnership agreement agreements treaty negotiations conflict threat threats
        challenge challenges opportunity opportunities interests responsibility principle principles values vision mission task
        tasks priority priorities key major important significant effective comprehensive sustainable steady stable rapid broad
        strong further greater higher lower central provincial official officials leaders minister ministry department agency
        agencies office private sector sectors field fields area areas zone zones coast ocean maritime space cyber internet
        platform platforms communication media news press speech statement meeting meetings conference summit session congress
        election vote citizens residents communities villages province provinces district northern southern eastern western
        coastal inland review analysis assessment evaluation monitoring warning early signal signals indicator indicators trend
        trends pressure pressures shift shifts balance gap gaps share shares rate rates volume scale scope structure structures
        """;

    private const string EnglishRareText = """
        sovereignty surveillance espionage sanctions embargo insurgency extradition smuggling counterfeit piracy
        archipelago bellwether cartography desalination filibuster geothermal hydrology isotope jurisprudence kaleidoscope
        lithium monsoon nomenclature obsidian paleontology quarantine reconnaissance seismograph telemetry underwriting
        vaccination watershed xenophobia yardstick zeppelin aquaculture biodiversity cryptography dendrology escrow
        fjord glacier hegemony insolvency juxtaposition kiln lagoon meteorology nanotechnology oligarchy
        petrochemical quorum refinery semiconductor tariff turbine ultrasound vanadium wetland amnesty
        bauxite catamaran dredging estuary fertilizer graphite helium irrigation jetty krill
        levee mangrove nickel orchard pipeline quarry reservoir sorghum tungsten uranium
        viaduct windmill abacus bureaucrat censorship dissident firewall gendarmerie hydropower infantry
        juvenile kinship logistics militia neutrality ordnance paramilitary subsidy telecom sabotage
        """;

    // Chinese, simplified. 发展 near rank 12, 安全 near 25, 国家安全 near 60.
    private const string ChineseCommonText = """
        的 和 是 在 了 也 都 要 等 对 把 发展 中 上 为 以 与 及 将 并 从 于 其 有 安全 不 我们 我国 国家 经济 社会 人民
        政治 文化 建设 推进 坚持 加强 全面 改革 开放 制度 体系 现代化 中国 世界 国际 合作 治理 领导 党中央 历史 时代 新时代
        重要 重大 工作 问题 创新 国家安全 科技 教育 生态 环境 保护 民主 法治 依法 法律 战略 目标 任务 实现 提高 推动 完善
        健全 构建 维护 稳定 和平 人类 命运 共同体 地区 全球 开展 实施 促进 服务 基础 能力 水平 质量 高质量 增长 市场 企业
        产业 农业 农村 城市 城乡 区域 协调 绿色 共享 人才 就业 收入 民生 医疗 卫生 健康 住房 养老 保障 扶贫 脱贫 贫困
        军队 国防 强军 武装 力量 军事 外交 伙伴 关系 交流 对话 团结 统一 祖国 同胞 民族 宗教 思想 理论 精神 文明 价值观
        道路 自信 初心 使命 纪律 作风 监督 反腐败 组织 干部 党员 基层 群众 人大 政协 政府 部门 机构 职能 政策 措施 规划
        方案 标准 机制 风险 挑战 机遇 形势 条件 资源 能源 粮食 土地 海洋 空间 网络 数据 信息 数字 技术 研究 科学 互联网
        基础设施 交通 铁路 港口 贸易 投资 金融 银行 货币 财政 税收 债务 消费 需求 供给 生产 制造 工业 制造业 服务业 现代
        传统 主体 核心 关键 根本 长期 持续 稳步 积极 有效 深入 广泛 进一步 不断 始终 必须 应当 可以 能够 已经 正在 更加
        各项 各级 全党 全国 全体 人民群众 社会主义 特色 中国特色 伟大 复兴 梦想 奋斗 胜利 成就 经验 教训 未来 前进 方向
        原则 利益 权利 义务 责任 公平 正义 自由 平等 法规 条例 执法 司法 公安 警察 边境 海关 主权 领土 完整 威胁 防范
        应对 化解 处置 预警 监测 情报 反恐 分裂 渗透 意识形态 舆论 宣传 媒体 新闻 出版 文艺 体育 青年 妇女 儿童 老年人
        家庭 学校 大学 学生 教师 医院 社区 乡村 振兴 城镇化 工程 项目 劳动者 工人 农民 企业家 科学家 评估 分析 报告
        会议 决定 意见 通知 讲话 文件 指出 强调 要求 部署 落实 统筹 兼顾 协同 联动 格局 布局 结构 优化 升级 转型 效率
        """;

    private const string ChineseRareText = """
        颠覆 间谍 制裁 禁运 走私 海盗 引渡 恐怖主义 网络攻击 数据泄露
        钨矿 稀土 锂电池 海水淡化 沙尘暴 盐碱地 湿地公园 候鸟 熊猫 珊瑚礁
        冰川 火山 地震带 台风 滑坡 泥石流 荒漠化 梯田 茶园 竹林
        蚕丝 瓷器 青铜器 甲骨文 书法 篆刻 京剧 昆曲 皮影 剪纸
        刺绣 漆器 古籍 碑刻 驿站 运河 栈道 长城 烽火台 骆驼
        牦牛 藏羚羊 雪豹 丹顶鹤 白鳍豚 银杏 胡杨 红树林 珍珠 翡翠
        玛瑙 琥珀 水晶 陨石 卫星导航 量子通信 超导 核聚变 航母 潜艇
        雷达 无人机 导弹 火箭 空间站 探月 深海 钻井 油田 气田
        特高压 风电 光伏 氢能 储能 芯片 光刻机 半导体 集成电路 区块链
        """;

    // Simplified → traditional for common characters, written as pairs. Pairs the engine's own fold does not
    // map back are dropped at start-up (so a traditional document folds to exactly its simplified source).
    private const string TraditionalPairs =
        "国國发發经經济濟会會个個为為这這们們来來时時实實现現学學对對长長门門问問题題进進动動产產业業义義东東华華书書说說话話语語" +
        "读讀电電车車马馬见見观觀开開关關间間万萬与與专專临臨举舉乐樂乡鄉习習亚亞从從众眾优優传傳体體价價伟偉协協单單卫衛历歷压壓" +
        "县縣参參双雙变變号號员員园園围圍图圖团團坚堅场場报報处處备備头頭奋奮宁寧审審宪憲导導层層岁歲师師带帶广廣庆慶应應张張强強" +
        "归歸当當录錄总總战戰执執扩擴护護担擔拥擁择擇挥揮损損换換据據敌敵数數断斷无無旧舊显顯机機权權条條极極构構标標树樹样樣检檢" +
        "欢歡气氣汇匯汉漢没沒测測满滿环環领領风風飞飛养養类類纪紀约約级級纲綱线線组組织織终終结結绝絕统統维維综綜网網罗羅职職联聯" +
        "胜勝节節药藥营營规規视視认認让讓训訓议議记記讲講论論设設访訪证證评評识識试試谈談调調质質贸貿资資边邊达達过過运運还還选選" +
        "险險随隨难難顾顧预預务務劳勞势勢区區医醫军軍农農决決况況创創击擊划劃办辦态態爱愛术術杂雜贯貫责責财財贫貧购購费費转轉轻輕" +
        "较較输輸远遠连連适適遗遺释釋钢鋼链鏈镇鎮闻聞阳陽阵陣陆陸队隊项項顺順须須频頻馆館验驗齐齊刚剛剧劇响響圣聖坛壇块塊奖獎实實" +
        "宾賓寻尋将將尔爾属屬币幣库庫异異弃棄弹彈径徑忆憶怀懷愿願戏戲扫掃扬揚拟擬挂掛携攜摄攝晓曉暂暫杀殺杨楊枪槍栏欄桥橋楼樓欧歐" +
        "残殘毁毀毕畢汤湯沟溝泽澤洁潔浅淺润潤涨漲渐漸温溫湾灣湿濕灭滅灯燈灵靈灾災炉爐点點炼煉烟煙热熱独獨献獻画畫疗療盖蓋监監盘盤" +
        "码碼础礎确確礼禮离離种種积積称稱稳穩穷窮竞競笔筆筑築签簽简簡粮糧纠糾红紅纯純纵縱纷紛纸紙练練绍紹绘繪给給络絡继繼绩績续續" +
        "绿綠缓緩编編缘緣缩縮龙龍鸟鳥鱼魚银銀铁鐵钱錢卖賣买買听聽岛島举舉导導兴興胁脅裂裂宣宣舆輿渗滲谍諜裁裁运運获獲";

    public static IReadOnlyList<string> EnglishCommon { get; } = Split(EnglishCommonText);

    public static IReadOnlyList<string> EnglishRare { get; } = Split(EnglishRareText);

    public static IReadOnlyList<string> ChineseCommon { get; } = Split(ChineseCommonText);

    public static IReadOnlyList<string> ChineseRare { get; } = Split(ChineseRareText);

    public static int EnglishCount => EnglishCommon.Count + EnglishRare.Count;

    public static int ChineseCount => ChineseCommon.Count + ChineseRare.Count;

    /// <summary>The pairs as written (some may be dropped later, see <see cref="CorpusGenerator"/>).</summary>
    public static IEnumerable<(char Simplified, char Traditional)> TraditionalTable()
    {
        for (var i = 0; i + 1 < TraditionalPairs.Length; i += 2)
        {
            if (TraditionalPairs[i] != TraditionalPairs[i + 1])
            {
                yield return (TraditionalPairs[i], TraditionalPairs[i + 1]);
            }
        }
    }

    private static string[] Split(string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<string>();
        foreach (var raw in text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Replace('_', ' ');
            if (seen.Add(word))
            {
                list.Add(word);
            }
        }

        return [.. list];
    }
}
