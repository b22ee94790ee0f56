/// The words `Scope` reads around an event word: governing verbs, nouns that hold an event,
/// recap and setting words, and what is announced, each list with the case it decides.
extension Scope {
    /// Verbs that stop or restart what they govern.
    static let halting: WordSet = ["halt", "halts", "halted", "halting", "suspend", "suspends", "suspended", "suspending",
                                   "stop", "stops", "stopped", "stopping", "pause", "pauses", "paused", "pausing",
                                   "freeze", "freezes", "froze", "frozen", "cease", "ceases", "ceased", "ceasing",
                                   "cut", "cuts", "curb", "curbs", "curbed", "block", "blocks", "blocked", "blocking",
                                   "end", "ends", "ended", "ending", "restrict", "restricts", "restricted", "restricting",
                                   "ban", "bans", "banned", "banning", "prohibit", "prohibits", "prohibited", "limit", "limits",
                                   "limited", "limiting", "bar", "bars", "barred"]
    /// Verbs whose object is a delay kept small, not one that happened: "minimizing delays".
    static let mitigating: WordSet = ["minimize", "minimizes", "minimizing", "minimise", "minimising", "reduce", "reduces",
                                      "reducing", "avoid", "avoids", "avoiding", "eliminate", "eliminates", "eliminating",
                                      "prevent", "prevents", "preventing", "cut", "cuts", "cutting", "lower", "lowering"]
    /// Verbs that hold back a start they govern: "preventing mass production".
    static let hindering: WordSet = ["prevent", "prevents", "prevented", "preventing", "hinder", "hinders", "hindered",
                                     "hindering", "hamper", "hampers", "hampered", "hampering", "impede", "impeding"]
    static let resuming: WordSet = ["resume", "resumes", "resumed", "resuming", "restart", "restarts", "restarted",
                                    "restarting", "reopen", "reopens", "reopened"]
    /// Prepositions before which a gerund or noun is a circumstance, not a claim: "by deploying".
    static let circumstance: WordSet = ["by", "for", "before", "without", "about", "against", "despite", "ahead", "prior"]
    /// Things launched or deployed that are not chips: "the DeepSeek-V3 model, launched on
    /// Jan. 10, used H800s"; "a laptop that Huawei debuted uses an Intel CPU".
    static let notChips: WordSet = ["model", "models", "chatbot", "app", "apps", "software", "framework", "frameworks",
                                    "service", "services", "laptop", "laptops", "llm", "llms", "模型", "大模型"]
    /// What an announcement may launch that is no chip, read after the word only ("the phone
    /// maker launched its chip" is the chip's): "the launch of the Galaxy S25 series" names
    /// its phones, "launched a new AI datacenter", "launched its Rainier project", "introduced
    /// a new benchmark", "showcase the adaptability of".
    static let notChipObjects: WordSet = ["phone", "phones", "smartphone", "smartphones", "suv", "car", "cars",
                                          "vehicle", "vehicles", "datacenter", "datacenters", "project", "business",
                                          "benchmark", "benchmarks", "adaptability", "capabilities", "features",
                                          "strategy", "initiative", "program", "programme", "fund", "campaign",
                                          "手机", "汽车"]
    /// Orders taken ahead of delivery: "available to preorder", "open for reservations".
    static let ordering: WordSet = ["preorder", "preorders", "pre-order", "pre-orders", "reservation", "reservations"]
    /// What is deployed that is no chip: "deploying AI", "inference deployments".
    static let workloads: WordSet = ["ai", "inference", "training", "workload", "workloads", "application", "applications",
                                     "agents", "agent", "solutions", "solution"]
    /// What a ship word may deliver that is no chip: "delivered the largest MLPerf submission",
    /// "delivered record revenue", "delivered a verdict".
    static let notShipped: WordSet = ["submission", "submissions", "result", "results", "performance", "record",
                                      "speedup", "gains", "improvement", "improvements", "growth", "revenue",
                                      "returns", "verdict", "keynote", "speech", "presentation", "benchmark"]
    /// What a cancel word may end that is no chip: "ditching the flagship battle", "abandoned
    /// generations in processor names", "终止收购", "取消订单".
    static let notCancelled: WordSet = ["battle", "fight", "race", "generations", "naming", "acquisition", "takeover",
                                        "merger", "deal", "talks", "orders", "probe", "investigation", "lawsuit"]
    static let chineseNotCancelled = ["收购", "并购", "合作", "订单", "采购", "协议", "调查", "投资", "交易"]
    /// The same in Chinese, read in the characters after the word.
    static let chineseNotChips = ["模型", "应用", "软件"]
    /// Nouns that hold an event word as a modifier: "a hold on restrictions".
    static let holds: WordSet = ["hold", "pause", "freeze", "moratorium", "suspension", "truce", "waiver", "exemption", "reprieve"]
    /// Verbs that take a measure away: "lifted restrictions".
    static let relieving: WordSet = ["exempt", "exempts", "exempted", "exempting",
                                     "lift", "lifts", "lifted", "lifting", "ease", "eased", "eases", "easing", "rescind",
                                     "rescinds", "rescinded", "scrap", "scraps", "scrapped", "relax", "relaxed", "relaxes",
                                     "suspend", "suspends", "suspended", "suspending", "pause", "pauses", "paused", "halt",
                                     "halts", "halted", "remove", "removes", "removed", "removing", "waive", "waives",
                                     "waived", "reverse", "reverses", "reversed", "reversing", "loosen", "loosened", "drop",
                                     "drops", "dropped", "exempt", "exempted", "rolled", "roll", "withdraw", "withdraws",
                                     "withdrew", "withdrawn", "withdrawing"]
    /// Words that make a measure the setting of other news.
    static let setting: WordSet = ["despite", "amid", "amidst", "under", "due", "because", "comply", "complies", "complying",
                                   "compliant", "adhere", "adheres", "adhering", "circumvent", "circumventing", "evade",
                                   "evading", "skirt", "skirting", "overcome", "overcoming", "navigate", "navigating", "post",
                                   // "to bypass export restrictions", "hit by Japanese curbs", "in the wake of US controls"
                                   "bypass", "bypasses", "bypassing", "avoid", "avoids", "avoiding", "wake", "hit", "impact", "effect",
                                   // "citing U.S. export restrictions", "a rush to beat export curbs", "ongoing US
                                   // trade restrictions", "the circumvention of US export controls", "ways around the ban"
                                   "citing", "cited", "cites", "blamed", "blaming", "blames", "beat", "beating", "ongoing",
                                   "existing", "longstanding", "circumvention", "evasion", "violation", "violations",
                                   "violating", "violated", "breach", "breaching", "around"]
    /// Verbs of a measure's effect on others: "restrictions on exports threaten Beijing's
    /// ambitions", "controls have hampered its sales": the measure is the setting, not the news.
    static let measureEffects: WordSet = ["threaten", "threatens", "threatened", "hurt", "hurts", "weigh", "weighs",
                                          "weighed", "hamper", "hampers", "hampered", "dent", "dents", "dented",
                                          "squeeze", "squeezed", "squeezes", "cripple", "crippled", "hobble", "hobbled",
                                          "posed", "poses", "pose"]
    /// Word beginnings that tie yield trouble to a schedule: "shipments affected by low yields".
    static let yieldConsequences = ["delay", "postpon", "push", "affect", "shortage", "short", "supply", "supplies",
                                    "late", "behind", "ship", "deliver", "slip", "hold", "miss"]
    /// Words before "for" that make production after it a plan: "on track for", "preparing for".
    static let planningFor: WordSet = ["track", "schedule", "ready", "readiness", "prepare", "prepares", "preparing",
                                       "prepared", "preparation", "preparations", "set", "poised", "slated", "scheduled"]
    /// Words between a reporting verb and its "that": "announced on Thursday that", "revealed in a
    /// blog post that".
    static let reportingAsides: WordSet = ["on", "in", "a", "an", "the", "its", "their", "this", "last", "earlier", "today",
                                           "yesterday", "week", "month", "morning", "evening", "statement", "blog", "post",
                                           "filing", "release", "press", "recently", "also", "officially", "publicly", "late"]
    /// What a clearance may clear that is no export: a deal, a takeover, a listing.
    static let clearedNonExports: WordSet = ["purchase", "acquisition", "takeover", "merger", "deal", "ipo", "listing",
                                             "offering", "investment"]
    /// Words that open a condition: what they govern is a hypothesis.
    static let conditions: WordSet = ["if", "whether", "unless"]
    /// Verbs that weigh a measure before a condition: "considering whether to allow".
    static let weighing: WordSet = ["considering", "considers", "consider", "considered", "weighing", "weighs", "weigh",
                                    "mulling", "mulls", "mull", "debating", "discussing", "studying", "reviewing"]
    /// Words of a measure's enforcement: charges, arrests, smuggling, fines, probes.
    static let enforcing: WordSet = ["charged", "charges", "indicted", "indictment", "arrested", "arrest", "smuggling",
                                     "smuggled", "smuggle", "smugglers", "prosecutors", "pleaded", "sentenced", "fined",
                                     "penalty", "penalties", "guilty", "lawsuit", "probe", "investigating", "investigation"]
    static let chineseNonProducts = ["报告", "财报", "业绩", "指南", "措施", "规定", "名单", "清单", "数据", "公告", "声明", "《"]
    /// Words around 上市 that make it a company's listing, not a product coming to market.
    static let listingBefore = ["股份", "公司", "企业", "科创板", "港交所", "交易所", "分拆", "启动", "终止", "成功", "挂牌", "港股", "美股"]
    static let listingAfter = ["申请", "公司", "初期", "过程", "进程", "路演", "首日", "之际", "辅导"]
    /// Corporate filings a Chinese announcement word can publish.
    static let chineseFilings = ["财报", "季报", "年报", "预案", "重组", "增发", "上市申请", "招股"]
    /// Figures that slip when they fall: "net income slipped", "shares slipped".
    static let figures: WordSet = ["income", "revenue", "revenues", "profit", "profits", "shares", "stock", "stocks", "sales",
                                   "margin", "margins", "earnings", "price", "prices", "index", "market", "share"]
    static let chineseGovernments = ["商务部", "政府", "美方", "中方", "当局", "白宫", "国务院", "工信部", "网信办"]
    static let chineseRelief = ["放宽", "暂停", "解除", "豁免", "放行", "取消", "撤销", "撤回"]
    static let chineseSetting = ["根据", "因应", "由于", "因为", "遵守", "符合", "规避", "尽管", "面对", "受到", "受", "绕开", "绕过", "应对", "滥用", "躲避", "逃避", "避开"]


    static let volumeChange: WordSet = ["rose", "fell", "grew", "increased", "decreased", "declined", "higher", "lower",
                                        "jumped", "surged", "doubled", "dropped", "climbed", "slumped", "up", "down", "percent"]
    static let beginning: WordSet = ["begin", "begins", "began", "begun", "start", "starts", "started", "continue",
                                     "continues", "continued", "commence", "commenced", "beginning", "starting"]
    /// Verbs that open a ship phrase in the infinitive: "TSMC to launch mass production",
    /// "Samsung to start supplying": the headline's future, not a report of the start.
    static let opening: WordSet = ["begin", "start", "launch", "commence", "kick", "enter", "ramp", "move"]
    /// What makes a production statement pre-production (labelling guide, decision 8):
    /// "pilot production", "prototype mass production", "risk production", "trial production".
    static let preProduction: WordSet = ["pilot", "prototype", "trial", "risk", "试产", "风险"]
    /// Forecast words beside a shipment noun: "the shipment forecast", "forecasts for ...
    /// shipments", "projected shipments" state a volume outlook, not a milestone.
    static let forecasting: WordSet = ["forecast", "forecasts", "forecasted", "projection", "projections", "projected",
                                       "outlook", "estimate", "estimates", "estimated", "annually", "tons"]

    /// Verbs that report speech, after which a past perfect is the speaker's past tense.
    static let reporting: WordSet = ["said", "says", "say", "told", "tells", "confirmed", "confirms", "announced", "announces",
                                     "stated", "states", "added", "noted", "reported", "revealed", "according", "wrote", "explained"]
    /// Occasions that are postponed or cancelled without a product's date moving.
    static let occasions: WordSet = ["keynote", "keynotes", "conference", "conferences", "event", "events", "presentation",
                                     "livestream", "meeting", "meetings", "talks", "trip", "visit", "hearing", "summit",
                                     "expo", "show", "ceremony", "webcast", "briefing", "call", "vote", "news", "details",
                                     "sharing", "unveiling", "announcement", "announcements", "model", "models"]
    /// What is delivered that is not a product: "delivered its annual address", "delivered
    /// strong results", "delivered another strong quarter".
    static let deliveredNonProducts: WordSet = ["address", "speech", "keynote", "remarks", "presentation", "talk",
                                                "message", "verdict", "results", "earnings", "guidance", "blow", "warning"]
    /// What "deliver" says of results right after it: "delivered another strong quarter",
    /// "delivers record revenue" (not "deliver in the third quarter").
    static let deliveredResults: WordSet = ["quarter", "quarters", "year", "growth", "revenue", "revenues", "profit",
                                            "profits", "returns", "performance"]
    static let timeBefore: WordSet = ["in", "by", "during", "for", "over", "next", "this", "per", "each", "every", "within",
                                      "until", "first", "second", "third", "fourth", "last", "coming", "that", "the"]
    /// Permissions a shipment can be the object of.
    static let shipmentPermissions: WordSet = ["license", "licenses", "licence", "licences", "permit", "permits", "approval",
                                               "approvals"]
    /// What is abandoned or scrapped that is not a product.
    static let cancelledNonProducts: WordSet = ["proposal", "proposals", "deal", "deals", "bid", "acquisition", "merger",
                                                "talks", "effort", "efforts", "attempt", "lawsuit", "investigation", "probe",
                                                "rule", "rules", "policy", "requirement", "requirements", "tariff", "tariffs",
                                                "feature", "features", "tracking", "idea", "ideas", "demands", "offer"]
    /// Words that end a verb's object: what follows them is a circumstance.
    static let objectEnds: WordSet = ["until", "to", "by", "after", "because", "due", "amid", "as", "from", "into", "in", "on"]

    /// Who counts a market: a shipment figure from them is a statistic.
    static let counting: WordSet = ["research", "researcher", "analysts", "analyst", "estimates", "estimated", "data", "survey",
                                    "tracker", "idc", "omdia", "trendforce", "counterpoint", "canalys", "gartner"]

    /// Words that make a licence something to obtain: a requirement.
    static let obliging: WordSet = ["need", "needs", "needed", "must", "require", "requires", "required", "obliged"]

    /// Verbs that take back a licence or exemption.
    static let revoking: WordSet = ["revoke", "revokes", "revoked", "revoking", "withdraw", "withdraws", "withdrew",
                                    "withdrawn", "terminate", "terminates", "terminated", "end", "ends", "ended", "ending",
                                    "cancel", "cancels", "cancelled", "canceled", "scrap", "scraps", "scrapped", "rescind",
                                    "rescinds", "rescinded", "revocation", "pulled", "pull"]
    /// What may stand before "in production" when it states a status: "is in", "now in".
    static let statusVerbs: WordSet = ["is", "are", "was", "were", "be", "been", "being", "remain", "remains", "remained",
                                       "now", "already", "currently", "still", "stay", "stays", "put", "went", "go", "goes",
                                       "gone", "entered", "enters", "entering", "enter", "into", "firmly", "fully", "officially"]
    static let auxiliaries: WordSet = ["is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "get", "got"]
    static let afterNegation: [[String]] = [["yet", "to"], ["not", "yet"], ["has", "not"], ["have", "not"], ["had", "not"],
                                            ["were", "not"], ["was", "not"], ["did", "not"], ["is", "not"], ["are", "not"],
                                            ["hasn", "t"], ["haven", "t"], ["didn", "t"], ["never"]]
    static let negationStarts = WordSet(afterNegation.map { $0[0] })
    /// What an announcement can be about that is not a chip milestone.
    static let nonProductObjects: WordSet = [
        "deal", "deals", "agreement", "agreements", "partnership", "partnerships", "investment", "investments", "results",
        "earnings", "revenue", "revenues", "guidance", "rule", "rules", "policy", "policies", "measure", "measures",
        "restrictions", "controls", "tariff", "tariffs", "ban", "licence", "license", "licences", "licenses", "permission",
        "approval", "collaboration", "merger", "acquisition", "acquisitions", "ipo", "listing", "dividend", "buyback",
        "layoffs", "job", "jobs", "price", "prices", "pricing", "sanctions", "probe", "investigation", "lawsuit",
        "stake", "funding", "contract", "contracts", "order", "orders", "financing", "plant", "factory", "fab",
        "facility", "model", "models", "support", "framework", "regulation", "regulations", "pact", "pacts", "alliance",
        "arrests", "charges", "initiative", "programme", "program", "fund",
        // "announced a contamination incident", "is rolling out a microcode update".
        "incident", "outage", "patch", "microcode", "firmware",
    ]
    /// What a government announces: a new rule (restrict) or a relief (relax).
    static let ruleObjects: WordSet = ["rule", "rules", "restrictions", "controls", "curbs", "measures", "guidance", "ban",
                                       "requirements", "sanctions", "regulations", "limits"]
    static let reliefObjects: WordSet = ["permission", "approval", "approvals", "waiver", "waivers", "exemption", "exemptions",
                                         "easing", "relief", "reprieve"]
    /// Who, announcing, makes rules rather than chips.
    static let governmentWords: WordSet = [
        "government", "administration", "commerce", "ministry", "beijing", "washington", "trump", "biden", "congress",
        "senate", "lawmakers", "regulator", "regulators", "officials", "department", "bis", "mofcom", "cac", "miit",
        "white", "treasury", "state", "authorities", "customs", "lawmaker", "senators", "house", "senator", "legislation",
        "prosecutors", "parliament", "commission",
    ]

    /// Nouns of chips, with no name needed (`namesChip`).
    static let chipNouns: WordSet = [
        "chip", "chips", "processor", "processors", "cpu", "cpus", "gpu", "gpus", "npu", "npus", "soc", "socs", "asic", "asics",
        "accelerator", "accelerators", "chipset", "chipsets", "superchip", "memory", "dram", "nand", "hbm", "flash", "semiconductor",
        "semiconductors",
    ]
    static let chineseChipNouns = ["芯片", "处理器", "晶片", "内存", "存储器", "闪存", "显卡", "芯片组", "半导体"]
}
