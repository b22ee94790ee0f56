import Config
import Core
import Extract
import Foundation
import TestSupport
import Testing

/// One table per capability the extractor must have (issue 13), each row a sentence written
/// for the test (not taken from the labelled set) and the signals it must give. A row is
/// "title | text | date" -> the item's event signals as "event modality product window",
/// sorted; recaps and denials are listed only where the row says so.
@Suite("Extractor capabilities")
struct ExtractCapabilityTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var title: String
        var text: String
        var date: String = "2026-06-15"
        var expected: [String]
        var testDescription: String { title.isEmpty ? String(text.prefix(60)) : title }
    }

    let extractor: Extractor
    init() throws { extractor = try SharedExtractor.loaded.get() }

    /// Every signal, as "event modality product window" (product "-" for none).
    func read(_ row: Row, all: Bool = false) -> [String] {
        let x = extractor.extract(title: row.title, text: row.text, published: Timestamp.parse(row.date))
        return x.signals.filter { all || $0.modality.isEvent }
            .map { "\($0.event.rawValue) \($0.modality.rawValue) \($0.product ?? "-") \($0.window?.description ?? "-")" }.sorted()
    }

    // MARK: clause and argument scope

    static let scope: [Row] = [
        // A hard-wrapped line break is a space: the denial before it acts on the claim after it
        // (read apart, the second line was a slip); a blank line still ends a sentence.
        Row(title: "", text: "Nvidia denied reports that\nits Blackwell chips are delayed.", expected: []),
        Row(title: "", text: "华为公司发言人今天在北京正式否认了关于昇腾910C\r\n推迟量产的传闻。", expected: []),
        // A short line (a byline, a heading) is not a wrapped one: its 報導 sources nothing below.
        Row(title: "", text: "國際中心/許珮絨報導\n美國商務部宣布將中芯國際列入實體清單。", date: "2020-12-19",
            expected: ["restrict confirmed - -"]),
        Row(title: "", text: "華為否認\n\n昇騰910C推遲量產。", expected: ["slip confirmed Huawei Ascend 910C -"]),
        // A production bar not reached is no start.
        Row(title: "", text: "The Exynos 2500's production yield is about 20%, far below the 60% needed for mass production.",
            date: "2024-06-01", expected: []),
        // An "ago" dates its clause from either side; a delay as the setting of other news; a
        // rank that slipped.
        Row(title: "", text: "Samsung announced a few weeks back that it was going to launch the Exynos 2200 on January 11th, 2022.",
            date: "2022-01-12", expected: []),
        Row(title: "", text: "Foxconn expects a strong quarter for Nvidia Blackwell servers despite earlier product yield issues.",
            date: "2024-11-14", expected: []),
        Row(title: "", text: "Samsung slipped to the third spot in the HBM market, behind SK hynix HBM3E sales.", date: "2025-08-01",
            expected: []),
        // What the word acts on decides: a promise delivered on, a benchmark submission
        // delivered, latency (延迟) cut, a model delayed, a heading that is only the word.
        Row(title: "", text: "CoreWeave delivered the largest-ever MLPerf submission on Nvidia Blackwell GPUs.", date: "2025-06-04",
            expected: []),
        Row(title: "", text: "英特尔Sierra Forest处理器将令牌延迟缩短6.5倍。", date: "2024-06-04", expected: []),
        Row(title: "", text: "DeepSeek因昇腾芯片短缺而推迟发布其最新模型。", date: "2025-06-04", expected: []),
        Row(title: "Azure NC A100 v4 virtual machines", text: "Introduction", date: "2024-01-01", expected: []),
        // 要到 (not until): a date ahead, a plan.
        Row(title: "", text: "Sapphire Rapids的大规模量产出货要到今年晚些时候。", date: "2022-06-01",
            expected: ["announce confirmed Intel Sapphire Rapids 2022"]),
        // A relief inside a clause that qualifies a noun (its 的) describes the chip.
        Row(title: "", text: "中国客户仍在采购目前获准在中国销售的H20。", date: "2025-08-01", expected: []),
        Row(title: "", text: "新近获批的H200芯片在海关受阻。", date: "2026-01-20", expected: []),
        Row(title: "", text: "美国商务部批准英伟达向中国出口H20。", date: "2025-08-01", expected: ["relax confirmed Nvidia H20 -"]),
        // A measure eased after it is named (松绑) is the easing; one still in force (仍列) its state.
        Row(title: "", text: "美国对华为的禁令正在加速松绑。", date: "2019-07-15", expected: ["relax confirmed - -"]),
        Row(title: "", text: "华为目前仍列在实体清单上。", date: "2019-07-15", expected: []),
        // 是否 (whether): a measure asked about is no claim.
        Row(title: "", text: "日本是否会进一步放宽对韩国的出口管制将成为会议的焦点。", date: "2019-12-20", expected: []),
        // "根据…禁令" (under the ban): the measure in force as the setting of what it requires.
        Row(title: "", text: "根据美国对华为的新禁令,9月15日之后全球所有公司都必须先申请许可证。", date: "2020-10-01", expected: []),
        // What a cancel word ends must be a product: a contest, a deal or an order is none.
        Row(title: "", text: "AMD is ditching the flagship battle with Nvidia this generation.", date: "2025-01-10", expected: []),
        Row(title: "", text: "英伟达因监管反对终止收购Arm。", date: "2022-02-08", expected: []),
        Row(title: "", text: "Intel cancels Falcon Shores.", date: "2025-01-31", expected: ["cancel confirmed Intel Falcon Shores -"]),
        // Development halted, a product line at its end of life, a business exited: cancels of
        // chips; an AI model's development halted is none.
        Row(title: "", text: "Amazon halts development of its Inferentia chips.", date: "2024-12-05",
            expected: ["cancel confirmed AWS Inferentia -"]),
        Row(title: "Intel Xeon Phi Knights Mill now EOL", text: "", date: "2019-08-08", expected: ["cancel confirmed Intel Knights Mill -"]),
        Row(title: "", text: "Broadcom has begun shipping the Tomahawk 6 switch chip.", date: "2025-06-03",
            expected: ["ship confirmed Broadcom Tomahawk 6 2025-Q2"]),
        Row(title: "", text: "The chip shortage halted ByteDance's AI model development project.", date: "2025-06-01", expected: []),
        Row(title: "", text: "Beijing told Nvidia's distributors to halt H20 shipments to state-owned firms.",
            expected: ["restrict confirmed Nvidia H20 -"]),
        Row(title: "", text: "Nvidia has asked suppliers to suspend production of the H20.",
            expected: ["cancel confirmed Nvidia H20 -"]),
        Row(title: "", text: "Washington agreed to a 90-day hold on the new export restrictions.",
            expected: ["relax confirmed - -"]),
        Row(title: "", text: "Cloud providers are cutting costs by deploying the Ascend 910C in their own data centres.",
            expected: []),
        Row(title: "", text: "Chip stocks fell on Friday despite the export restrictions introduced by the previous administration.",
            expected: []),
        // A measure as the setting of other news: bypassed, avoided, hitting someone, its wake.
        Row(title: "", text: "Chinese buyers found ways to bypass U.S. curbs on AI chips, the report said.",
            expected: []),
        Row(title: "", text: "Memory makers were hit by Japanese curbs on the export of key materials.",
            expected: []),
        Row(title: "", text: "這些公司透過欺詐行為繞過出口管制走私晶片。",
            expected: []),
        // A measure in force, told as a state or a long story, is not news of a measure; a new
        // one still is.
        Row(title: "", text: "The country is subject to American restrictions on AI chip exports.", expected: []),
        Row(title: "", text: "Exports of the H20 will be subject to new licence requirements.", date: "2025-04-15",
            expected: ["restrict confirmed Nvidia H20 -"]),
        Row(title: "", text: "The US government has for years imposed a series of restrictions on China's tech industry.", expected: []),
        Row(title: "", text: "近年来,多家国产CPU厂商均被美国商务部列入了实体清单。", expected: []),
        // A measure in a passive qualifying a noun, or dating other news (的, 后).
        Row(title: "", text: "中国买家仍能取得已被美国政府禁止出口的RTX5090。", expected: []),
        Row(title: "", text: "寒武纪被列入实体清单后,先进制程代工受限。", expected: []),
        Row(title: "", text: "华为等中国企业严重依赖其在美国出口管制实施前扫货的HBM库存。", expected: []),
        Row(title: "", text: "美国商务部宣布将寒武纪列入实体清单。", expected: ["restrict confirmed - -"]),
        // What is announced or rolled out is an incident or a patch, not a chip.
        // Samples in Chinese are sampling; a shipment volume (出货量) is a statistic; a start held
        // back is a slip, unless a measure holds it back.
        Row(title: "", text: "三星交付HBM3E内存样品。", date: "2024-02-27", expected: ["announce confirmed Samsung HBM3E 2024-Q1"]),
        Row(title: "", text: "鸿海表示,GB200机柜出货量季增300%。", date: "2025-08-14", expected: []),
        Row(title: "", text: "业内人士指出,SK海力士在英伟达HBM4需求中的供货比例接近70%。", expected: []),
        // A running total of a product already selling is no start.
        Row(title: "", text: "Cambricon has already shipped 20,000 units of the MLU370.", expected: []),
        Row(title: "", text: "昆仑芯2已经出货数万片。", expected: []),
        Row(title: "", text: "Connectors are failing quality checks, preventing mass production of the GB200.", date: "2024-11-18",
            expected: ["slip confirmed Nvidia Blackwell -"]),
        Row(title: "", text: "The new controls prevented the shipment of H20 chips worth 2.5 billion dollars.", date: "2025-05-28",
            expected: []),
        // A hold, a suspension or an ending is a relief only of a measure: a project put on hold
        // or a partnership ended (解除合作) is not.
        Row(title: "", text: "The proposed export controls were unexpectedly put on hold after a dinner meeting.",
            expected: ["relax planned - -"]),
        Row(title: "", text: "The data centre project was put on hold in March.", expected: []),
        Row(title: "", text: "OpenAI announced the suspension of its plans for the Stargate data centre.", expected: []),
        Row(title: "", text: "SBI決定解除雙方的合作關係。", expected: []),
        Row(title: "", text: "美方宣布解除对华为的出口限制。", expected: ["relax confirmed - -"]),
        // Delays as a product's history are its background; a verb, or more of them, is news.
        Row(title: "", text: "The Ice Lake Xeon has already faced delays.", expected: []),
        Row(title: "", text: "Aurora was hit by delays in the Sapphire Rapids chips.", expected: []),
        Row(title: "", text: "Intel delays Sapphire Rapids again.", expected: ["slip confirmed Intel Sapphire Rapids -"]),
        Row(title: "", text: "Sapphire Rapids faces further delays.", expected: ["slip confirmed Intel Sapphire Rapids -"]),
        // An exemption is an easing where it is granted, won or extended; inside a new measure
        // ("the tariff has exemptions for ...") it is part of that measure.
        Row(title: "", text: "The United States granted Samsung an indefinite waiver for its China fabs.",
            expected: ["relax confirmed - -"]),
        Row(title: "", text: "三星获得美方豁免。", expected: ["relax confirmed - -"]),
        Row(title: "", text: "The tariff has exemptions for companies that build plants in America.", expected: []),
        Row(title: "", text: "新政策设有豁免条件。", expected: []),
        Row(title: "US extends TSMC's exemption for its Nanjing fab", text: "", expected: ["relax confirmed - -"]),
        Row(title: "", text: "Kioxia announced a contamination incident at its NAND plants.", expected: []),
        Row(title: "", text: "Intel is rolling out a new microcode update for its Raptor Lake processors.", expected: []),
        Row(title: "", text: "Nvidia said it has ceased production of the H20.", date: "2025-08-22",
            expected: ["cancel confirmed Nvidia H20 -"]),
        // What is delivered is a speech or results, not a chip.
        Row(title: "", text: "Huawei has delivered its annual address on the Ascend 960, praising its partners.",
            expected: []),
        Row(title: "", text: "Nvidia delivered another strong quarter as demand for the H200 held up.", expected: []),
        // A figure that slipped, demand coming from somewhere, a filing or results published.
        Row(title: "", text: "Net income slipped 3 percent as Gaudi 3 sales lagged.", expected: []),
        Row(title: "", text: "Huang said demand for Blackwell was coming from a lot of different places.", expected: []),
        Row(title: "", text: "海光信息发布重大资产重组预案,涉及其DCU芯片业务。", expected: []),
        Row(title: "", text: "寒武纪发布2025年第2季财报,思元590芯片收入大增。", expected: []),
        // 上市 is a company's listing here, not a chip coming to market.
        Row(title: "", text: "昆仑芯已向港交所提交上市申请,其P800芯片收入大增。", expected: []),
        // Shipments a licence is for are not shipments made; a production schedule is no start.
        Row(title: "", text: "Officials are working on export licences for H200 shipments to China.", expected: []),
        Row(title: "", text: "集邦科技指出，輝達Rubin平台量產時程順勢調整。", expected: []),
        Row(title: "", text: "Deliveries of the Ascend 950DT have yet to begin, customers said.",
            expected: []),
        Row(title: "", text: "Huawei has no plans to ship the Ascend 920 outside China.",
            expected: []),
        Row(title: "", text: "Officials said the gallium licensing regime is not a ban.",
            expected: []),
        Row(title: "", text: "The Commerce Department revoked the licences that let Intel sell processors to Huawei.",
            expected: ["restrict confirmed - -"]),
        Row(title: "", text: "BIS granted licences for H20 sales to several Chinese buyers on Tuesday.",
            expected: ["relax confirmed Nvidia H20 -"]),
        // A postponed keynote or a model's launch moves no chip's date; an order is the buyer's.
        Row(title: "", text: "Huawei postponed its Ascend keynote at the Shanghai expo because of a typhoon.",
            expected: []),
        Row(title: "", text: "Tencent cancelled orders for the H20 worth several billion yuan.",
            expected: []),
        // A comma inside a number is no clause break; a model's delay is not a chip's.
        Row(title: "", text: "Microsoft switched to Hopper chips, canceling a 50,000-chip order for Blackwell.", expected: []),
        Row(title: "", text: "DeepSeek has delayed the launch of its next AI model, R2, after training on the Ascend 910C failed.",
            expected: []),
        Row(title: "", text: "多家企业已取消现有订单,包括对H20的采购。", expected: []),
        // The past perfect tells what came before the news, unless it is reported speech.
        Row(title: "", text: "Washington had banned exports of the H20 before the talks began.",
            expected: []),
        Row(title: "", text: "Huawei said it had begun mass production of the Ascend 950PR.", date: "2026-03-20",
            expected: ["ship confirmed Huawei Ascend 950PR 2026-Q1"]),
        // ... also where the governing verb changed the word's kind ("barred shipments" is a restriction).
        Row(title: "", text: "The administration had barred shipments of the H20 to China in April.", date: "2025-08-06",
            expected: []),
        // A measure described by what was done to it before is the background of the news.
        Row(title: "", text: "China will exempt some Nexperia chips from an export ban that was imposed over a row with Dutch officials.",
            date: "2025-11-02", expected: ["relax confirmed - -"]),
        Row(title: "", text: "Nvidia said the export curbs imposed last year hurt its sales.", date: "2023-09-20", expected: []),
        // "In July" written in late September dates a past announcement, though its quarter runs on.
        Row(title: "", text: "In July, China announced restrictions on the export of gallium products.", date: "2023-09-20",
            expected: []),
        // A halt caused by a trade measure in the same sentence is that measure applied (decision 1).
        Row(title: "", text: "Suppliers paused production of the H20 after customs officials blocked shipments of the chip.",
            expected: ["restrict confirmed - -"]),
        Row(title: "", text: "Nvidia paused production of the H20 to clear inventory.", expected: ["cancel confirmed Nvidia H20 -"]),
        // Under a measure, or a measure as an attribute of a name, is the setting of other news.
        Row(title: "", text: "在美国禁令制裁下,华为近年加强自主芯片研发。", expected: []),
        Row(title: "US-sanctioned chip designer Biren plans Hong Kong IPO", text: "", expected: []),
        // Enforcing a measure in force is no news of the measure (decisions 2, 191).
        Row(title: "", text: "Two men were arrested for shipping chips to Russia, breaking export restrictions.", expected: []),
        Row(title: "", text: "两名男子因违反出口管制走私英伟达芯片被起诉。", expected: []),
        // So is a halt in another sentence of an item that reports the measure (decisions 1, 35).
        Row(title: "", text: "Chinese customs officials have blocked shipments of the H200. Suppliers have paused production of H200 components.",
            expected: ["restrict confirmed Nvidia H200 -"]),
        // Cancel verbs and what they act on: a product, not a proposal.
        Row(title: "", text: "Intel has shelved Falcon Shores.", expected: ["cancel confirmed Intel Falcon Shores -"]),
        Row(title: "", text: "Intel removed Falcon Shores from its roadmap.", expected: ["cancel confirmed Intel Falcon Shores -"]),
        Row(title: "", text: "Nvidia urged lawmakers to abandon proposals for tracking the H20.", expected: []),
        // A measure in the conditional is under consideration (labelling guide, decision 44).
        Row(title: "", text: "SMIC would be added to the Entity List, officials said.", expected: ["restrict planned - -"]),
        // A time long past ("two years ago") is a recap; "two days ago" is the news.
        Row(title: "", text: "Huawei launched the Ascend 910B two years ago.", expected: []),
        Row(title: "", text: "Huawei unveiled the Ascend 950PR two days ago.", expected: ["announce confirmed Huawei Ascend 950PR -"]),
        // A demonstrative points back to events already told.
        Row(title: "", text: "These delays left Microsoft waiting for the Maia 200.", expected: []),
        // A market count of a product already selling is a statistic; a results shortfall is money.
        Row(title: "", text: "IDC data show 2.1 million Blackwell GPUs were shipped in the quarter.", expected: []),
        Row(title: "", text: "Moore Threads expects a net loss as revenue from the MTT S4000 leaves a shortfall.", expected: []),
        // A fab or plant is a site: its delay or cancellation is its vendor's, with no product,
        // and its launch is not the focal product's announcement.
        Row(title: "", text: "Samsung delayed the opening of its Taylor fab to 2026.", date: "2025-01-15",
            expected: ["slip confirmed - 2026"]),
        Row(title: "", text: "Intel scrapped its planned factory in Magdeburg.", date: "2025-07-25", expected: ["cancel confirmed - -"]),
        Row(title: "Samsung delays Taylor fab launch to 2026", text: "Samsung Foundry makes SF2 chips for the Exynos 2600.",
            date: "2025-01-15", expected: ["slip confirmed - 2026"]),
        Row(title: "", text: "台积电日本第二座工厂投产时间推迟至明年。", date: "2026-06-15", expected: ["slip confirmed - 2027"]),
        // A government ending a site's permission ends no site: not a cancel.
        Row(title: "", text: "美国政府取消对台积电南京厂的VEU资格。", date: "2025-09-03", expected: []),
        // A closing bracket with none open ("1) ..., 2) ...") is a plain clause break, not a crash.
        Row(title: "", text: "Nvidia said: 1) Blackwell is now shipping, 2) Rubin follows.", date: "2025-01-01",
            expected: ["ship confirmed Nvidia Blackwell 2025-Q1"]),
        // A bracketed aside does not cut its clause: "samples" after it still makes the ship a sampling.
        Row(title: "", text: "CXMT has reportedly shipped its first HBM3 (High Bandwidth Memory 3) samples to Huawei.", date: "2025-10-15",
            expected: ["announce reported CXMT HBM3 2025-Q4"]),
        // A ship word that modifies a schedule noun states a plan.
        Row(title: "", text: "Analyst Ming-Chi Kuo outlined mass production timing for Apple's M5 chips.", date: "2024-12-10",
            expected: ["announce reported Apple M5 -"]),
        // What is deployed decides: models and workloads are no chip's ship; chips named with them are.
        Row(title: "", text: "Google built the TPU v7 Ironwood for training and deploying AI models at scale.", date: "2025-04-15",
            expected: []),
        Row(title: "", text: "The Instinct MI300X suits inference deployments in the data centre.", date: "2024-06-15",
            expected: []),
        Row(title: "", text: "Microsoft is deploying Maia 100 chips in its Azure data centres.", date: "2024-06-15",
            expected: ["ship confirmed Microsoft Maia 100 2024-Q2"]),
        // A measure in a condition is a hypothesis; one weighed is planned; one named by its
        // effect on others is the setting of other news.
        Row(title: "", text: "ByteDance will buy more chips if Nvidia is allowed to sell the H200 in China.", date: "2025-12-31",
            expected: []),
        Row(title: "", text: "如果輝達獲准在中國銷售H200晶片，字節跳動將加大採購。", date: "2025-12-31", expected: []),
        Row(title: "", text: "Trump is considering whether to allow Nvidia to sell the H200 to China.", date: "2025-11-24",
            expected: ["relax planned Nvidia H200 -"]),
        Row(title: "", text: "US restrictions on semiconductor exports threaten Beijing's chip ambitions.", date: "2023-03-02",
            expected: []),
        Row(title: "", text: "华为一直在打造秘密供应链，协助其躲避美国出口管制。", date: "2023-09-05", expected: []),
        // "on track" disputes a slip in its own clause only; what follows "but now" after a recap
        // cue is news; "pushing the launch of X back from" is a slip.
        Row(title: "Huawei says Ascend 950PR on track, Ascend 960 delayed to 2028", text: "", date: "2026-06-15",
            expected: ["slip confirmed Huawei Ascend 960 2028"]),
        Row(title: "", text: "Volume production of the Ascend 960 had previously been set for late 2027 but has now been pushed back to 2028.",
            date: "2026-06-15", expected: ["slip confirmed Huawei Ascend 960 2028"]),
        Row(title: "", text: "Strong demand is pushing the launch of the Ascend 960 back from October to December.",
            date: "2027-09-15", expected: ["slip confirmed Huawei Ascend 960 2027-Q4"]),
        // A span of the past after the word ("over the years") and a word dating other news
        // ("发布之前", "量产以来") are no claims of news.
        Row(title: "", text: "Huawei launched several generations of the Ascend 910 over the years.", date: "2026-06-15",
            expected: []),
        Row(title: "", text: "在华为昇腾950PR发布之前，业界充满了各种猜测。", date: "2026-06-15", expected: []),
        // A chip event in a condition, or hung on one by a modal, is a hypothesis; yield trouble
        // is a slip only where the sentence says what it holds back.
        Row(title: "", text: "Huawei fears losses if the Ascend 960 gets delayed.", date: "2026-06-15", expected: []),
        Row(title: "", text: "If yields do not improve, Huawei might have to cancel the Ascend 960.", date: "2026-06-15",
            expected: []),
        Row(title: "", text: "SMIC's N+3 node is suffering from very low yields.", date: "2026-06-15", expected: []),
        Row(title: "", text: "Low yields at SMIC have delayed the Ascend 960 to 2028.", date: "2026-06-15",
            expected: ["slip confirmed Huawei Ascend 960 2028"]),
        // Production as a purpose or goal is no start; "on track for" it is a plan.
        Row(title: "", text: "Huawei unveils Ascend 950DT chips for high-volume production in Dongguan.", date: "2026-06-15",
            expected: ["announce confirmed Huawei Ascend 950DT -"]),
        Row(title: "", text: "Huawei said the Ascend 960 is on track for volume production next year.", date: "2026-06-15",
            expected: ["announce confirmed Huawei Ascend 960 2027"]),
        // A measure cited as a cause, beaten, circumvented or posing trouble is the setting;
        // "禁科企购" bans buying.
        Row(title: "", text: "ASML expects China sales to drop next year, citing U.S. export restrictions.", date: "2024-10-16",
            expected: []),
        Row(title: "", text: "Its low-key launch may be related to ongoing US trade restrictions on Chinese chipmakers.", date: "2025-01-30",
            expected: []),
        Row(title: "", text: "阿里巴巴利用禁令前囤积的輝達晶片开发模型。", date: "2025-12-11", expected: []),
        Row(title: "中国禁科企购Nvidia新芯片", text: "", date: "2025-09-17", expected: ["restrict confirmed - -"]),
        // "announced on Thursday that <results>" is no product announcement.
        Row(title: "", text: "Huawei announced on Thursday that its revenue reached a record in the fourth quarter.", date: "2026-02-13",
            expected: []),
        // A deal cleared is no export relief; a deal that grants licences is.
        Row(title: "", text: "Nvidia hopes regulators will give the green light to its planned purchase of Arm.", date: "2021-07-08",
            expected: []),
        Row(title: "", text: "The agreement is part of a deal that will grant export licences for the Nvidia H20.", date: "2025-08-11",
            expected: ["relax confirmed Nvidia H20 -"]),
        // A customer dropping a chip is no cancel of it; its maker scrapping it is.
        Row(title: "", text: "Production setbacks have compelled XPeng to abandon plans for Nvidia's Drive Thor.", date: "2024-12-17",
            expected: []),
        Row(title: "", text: "Nvidia has abandoned the Drive Thor.", date: "2024-12-17", expected: ["cancel confirmed Nvidia Drive Thor -"]),
        // Orders taken ahead of delivery are no availability.
        Row(title: "", text: "The Huawei Ascend 950PR is available to preorder today.", date: "2026-02-10",
            expected: ["announce confirmed Huawei Ascend 950PR 2026-02-10"]),
        // Volume of a product already selling: 出货放量, 出货高峰, 出货明显拉高.
        Row(title: "", text: "今年輝達GB300機櫃出貨放量，帶動營收成長。", date: "2025-12-17", expected: []),
        Row(title: "", text: "十一月輝達Blackwell機櫃出貨明顯拉高。", date: "2025-12-17", expected: []),
    ]

    @Test("clause and argument scope", arguments: scope)
    func clauseScope(_ row: Row) { #expect(read(row) == row.expected) }

    // MARK: forms, not strings

    static let forms: [Row] = [
        // Rules tightened, controls on goods, a country taken from a white list.
        Row(title: "", text: "Malaysia tightens rules on shipments of U.S.-made AI chips.", date: "2025-07-14", expected: ["restrict confirmed - -"]),
        Row(title: "", text: "Japan hits South Korea with controls on three chip materials.", date: "2019-07-01", expected: ["restrict confirmed - -"]),
        Row(title: "", text: "Tokyo approves removing Seoul from white list of trusted trading partners.", date: "2019-08-02",
            expected: ["restrict confirmed - -"]),
        // Lists and authorisations named as such: a blacklist, a white list a country is taken off,
        // a VEU revoked, purchases suspended; a sale cleared, a firm shielded from rules, another
        // 90 days, a licence obtained (已获...许可).
        Row(title: "", text: "7家中国超级计算机实体被列美国黑名单。", date: "2021-04-08", expected: ["restrict confirmed - -"]),
        Row(title: "", text: "Japan will remove South Korea from its white list of trusted trade partners.", date: "2019-08-02",
            expected: ["restrict confirmed - -"]),
        Row(title: "", text: "The US revoked the VEU status of TSMC's Nanjing fab.", date: "2025-09-03", expected: ["restrict confirmed - -"]),
        Row(title: "", text: "字节跳动和阿里巴巴已暂停采购英伟达芯片。", date: "2025-09-18", expected: ["restrict confirmed - -"]),
        Row(title: "", text: "The Trump administration clears the sale of Nvidia AI chips to the UAE.", date: "2025-11-10",
            expected: ["relax confirmed - -"]),
        Row(title: "", text: "ASML and Tokyo Electron were shielded from the new US chip export rules.", date: "2024-07-20",
            expected: ["relax confirmed - -"]),
        Row(title: "", text: "The Commerce Department granted Huawei another 90 days to buy from American suppliers.", date: "2019-08-19",
            expected: ["relax confirmed - -"]),
        Row(title: "", text: "中芯国际已获得部分美国设备厂商的供应许可。", date: "2021-03-12", expected: ["relax confirmed - -"]),
        // Permits as licences: required (a control), approved (a relief); an order to stop buying.
        Row(title: "", text: "China will require export permits for some graphite products from Dec. 1, the commerce ministry said.",
            date: "2023-10-20", expected: ["restrict confirmed - -"]),
        Row(title: "", text: "China's commerce ministry said it has approved a number of export permits for graphite.",
            date: "2023-12-08", expected: ["relax confirmed - -"]),
        Row(title: "", text: "关键信息基础设施的运营者应停止采购美光公司产品。", date: "2023-05-21",
            expected: ["restrict confirmed - -"]),
        // A particle verb split around its object ("pushed the ... timeline back"), as "pushed back".
        Row(title: "", text: "Microsoft has pushed the Maia 200 production timeline back to 2026.", date: "2025-06-30",
            expected: ["slip confirmed Microsoft Maia 200 2026"]),
        Row(title: "", text: "Intel pushed the Falcon Shores launch back by a year.", date: "2024-06-30",
            expected: ["slip confirmed Intel Falcon Shores -"]),
        Row(title: "", text: "The United States restricts exports of HBM to China from next month.",
            expected: ["restrict confirmed - -"]),
        Row(title: "", text: "Washington restricted sales of the MI308 to Chinese customers.",
            expected: ["restrict confirmed AMD Instinct MI308 -"]),
        Row(title: "", text: "The new rule is restricting shipments of advanced accelerators.",
            expected: ["restrict confirmed - -"]),
        Row(title: "", text: "SK hynix began shipping HBM4 to Nvidia this week.", date: "2026-02-10",
            expected: ["ship confirmed SK hynix HBM4 2026-02-10"]),
        Row(title: "", text: "Exporters now face licence requirements for every H20 order.",
            expected: ["restrict confirmed Nvidia H20 -"]),
        // A node in any of its spellings; a production status with a modifier.
        Row(title: "", text: "TSMC began mass production of its 3-nanometre chips this week.", date: "2022-12-29",
            expected: ["ship confirmed TSMC N3 2022-12-29"]),
        Row(title: "", text: "The GB200 NVL72 is now in full-scale production, Nvidia said.", date: "2025-05-28",
            expected: ["ship confirmed Nvidia Blackwell 2025-Q2"]),
        // A bare model name counts only beside its vendor ("M5" is also a car).
        Row(title: "", text: "Apple began mass production of the M5 chip.", date: "2025-02-05",
            expected: ["ship confirmed Apple M5 2025-Q1"]),
        Row(title: "", text: "The M5 is now in volume production.", date: "2025-02-05", expected: []),
        // Customer testing is sampling: an announcement, never a ship.
        Row(title: "", text: "Intel will begin customer testing of Crescent Island in the second half of 2026.", date: "2025-10-14",
            expected: ["announce confirmed Intel Crescent Island 2026-H2"]),
        // A model code's plural names the same product; a name spelt to the same end wins.
        Row(title: "", text: "Meta has begun deploying H100s in its new data centres.", date: "2024-01-19",
            expected: ["ship confirmed Nvidia H100 2024-Q1"]),
        Row(title: "", text: "Huawei began shipping the Kirin 9000S.", date: "2023-09-01",
            expected: ["ship confirmed Huawei Kirin 9000S 2023-Q3"]),
        // A system switched on is its chips deployed (decision 172); a chip powered on in the lab
        // is its bring-up, not a ship ("点亮" of a cluster, not of a chip).
        Row(title: "", text: "The Frontier supercomputer, built from AMD Instinct MI250X GPUs, was switched on at Oak Ridge.", date: "2022-05-30",
            expected: ["ship confirmed AMD Instinct MI250 2022-Q2"]),
        Row(title: "", text: "百度点亮了由三万颗昆仑芯P800组成的集群。", date: "2025-04-25",
            expected: ["ship confirmed Baidu Kunlun P800 2025-Q2"]),
        Row(title: "", text: "今年5月昆仑芯P800芯片点亮。", date: "2025-06-01", expected: []),
    ]

    @Test("inflections and passives from one dictionary lemma", arguments: forms)
    func wordForms(_ row: Row) { #expect(read(row) == row.expected) }

    // MARK: the item as a whole

    static let item: [Row] = [
        // A headline's vendor and chip noun carry a slip with no dictionary name; a range of
        // numbers ("2–3") does not break the clause.
        Row(title: "Microsoft's AI chip launch pushed to 2026", text: "", date: "2025-06-27", expected: ["slip confirmed - 2026"]),
        Row(title: "Micron's New York Megafabs Face 2–3 Year Delay", text: "", date: "2024-06-01", expected: ["slip confirmed - -"]),
        Row(title: "Samsung pushes to gain on SK hynix in HBM", text: "", date: "2025-06-27", expected: []),
        // A vendor's headline that starts shipping a chip the dictionary has no name for.
        Row(title: "YMTC starts shipping its new NAND flash", text: "", date: "2024-01-10", expected: ["ship confirmed - 2024-Q1"]),
        Row(title: "Huawei's Ascend 950DT reaches customers",
            text: "The chip has started shipping to three cloud providers, the company said.", date: "2026-11-10",
            expected: ["ship confirmed Huawei Ascend 950DT 2026-Q4"]),
        Row(title: "Atlas 950 SuperPoD update",
            text: "The first systems have been delivered to a bank in Shenzhen.", date: "2026-11-10",
            expected: ["ship confirmed Huawei Atlas 950 SuperPoD 2026-Q4"]),
        Row(title: "", text: "Huawei's Ascend 910C, a rival to Nvidia's H100, entered mass production this month.", date: "2025-05-20",
            expected: ["ship confirmed Huawei Ascend 910C 2025-Q2"]),
        Row(title: "AWS announces Trainium3", text: "AWS said Trainium3 is now generally available to customers.", date: "2025-12-02",
            expected: ["ship confirmed AWS Trainium3 2025-Q4"]),
        // A name set beside the object after a comma renames it; an opening adverbial is not
        // the sentence's subject, and places only its own clause in the past.
        Row(title: "", text: "After the Ascend 910C, Xu disclosed plans for its successor, the Ascend 950, to debut in 2026.",
            date: "2025-09-18", expected: ["announce confirmed Huawei Ascend 950 2026"]),
        Row(title: "", text: "Following the launch of the Ascend 910C, Huawei unveiled the Ascend 950.", date: "2025-09-18",
            expected: ["announce confirmed Huawei Ascend 950 -"]),
        Row(title: "", text: "Earlier this year, Huawei unveiled the Ascend 950.", date: "2025-09-18", expected: []),
    ]

    @Test("a focal product for pronouns and fragments; subject over nearest; headline and body as one", arguments: item)
    func wholeItem(_ row: Row) { #expect(read(row) == row.expected) }

    // MARK: what is announced

    static let announced: [Row] = [
        // A vendor that releases a chip or completes its development announces it; a press
        // release is no release of a chip.
        Row(title: "", text: "Horizon releases the Journey 6 chip for smart cars.", date: "2024-04-24",
            expected: ["announce confirmed Horizon Robotics Journey 6 -"]),
        Row(title: "", text: "The press release did not mention the Dojo chip.", date: "2024-01-25", expected: []),
        // A car, a data centre or a project launched is no chip announced, unless a chip is
        // launched with it.
        Row(title: "Xpeng launches G7 SUV to rival Xiaomi YU7", text: "", date: "2025-07-03", expected: []),
        Row(title: "", text: "Amazon has launched its Rainier project, which will use one million Trainium2 chips.",
            date: "2025-10-30", expected: []),
        Row(title: "Qualcomm launches car oriented Snapdragon Ride SoCs", text: "", date: "2023-01-05",
            expected: ["announce confirmed - -"]),
        Row(title: "", text: "The MLPerf results showcase the adaptability of the Nvidia A100.", date: "2024-01-01", expected: []),
        Row(title: "", text: "SK hynix completes development of 1c LPDDR6 memory.", date: "2025-12-01",
            expected: ["announce confirmed - -"]),
        Row(title: "", text: "长江存储宣布128层QLC闪存研发成功。", date: "2020-04-13", expected: ["announce confirmed - -"]),
        // A headline's vendor that "develops" a chip announces it; a body's "develops" describes.
        Row(title: "SK hynix develops 10nm-class sixth-generation DRAM", text: "", date: "2024-08-29", expected: ["announce confirmed - -"]),
        Row(title: "", text: "SK hynix develops DRAM for data centres.", date: "2024-08-29", expected: []),
        // A rule withdrawn or restrictions revoked is a relief; a Latin name between the Chinese
        // words does not hide the verb.
        Row(title: "", text: "The Commerce Department withdrew the proposed rule on AI chip exports on Friday.", date: "2026-03-14",
            expected: ["relax confirmed - -"]),
        Row(title: "", text: "美商务部表示,特朗普政府计划撤销拜登时期AI芯片出口限制。", date: "2025-05-08",
            expected: ["relax planned - -"]),
        Row(title: "", text: "The Commerce Department announced new rules on advanced computing chips.",
            expected: ["restrict confirmed - -"]),
        Row(title: "", text: "Nvidia announced record quarterly results driven by Blackwell demand.",
            expected: []),
        Row(title: "", text: "AMD announced a partnership with OpenAI covering the MI450.",
            expected: []),
        Row(title: "", text: "Huawei unveiled the Ascend 950PR at its partner conference.", date: "2026-03-20",
            expected: ["announce confirmed Huawei Ascend 950PR -"]),
        // A model or laptop launched is not a chip announced; a question announces nothing.
        Row(title: "", text: "The DeepSeek-V3 model, launched on Jan. 10, was trained on Nvidia's H800 chips.", date: "2025-01-28",
            expected: []),
        Row(title: "", text: "The MateBook X Pro, a laptop that Huawei debuted in April, uses an Intel Core Ultra 9 processor.",
            date: "2024-05-08", expected: []),
        Row(title: "", text: "Will Nvidia launch the B100 later this year?", date: "2024-01-30", expected: []),
        Row(title: "", text: "Nvidia will launch the B100 later this year.", date: "2024-01-30",
            expected: ["announce confirmed Nvidia Blackwell 2024"]),
        // What is launched is the service or phone the chip is part of, not the chip.
        Row(title: "", text: "Baidu launched a cloud service based on the Kunlun P800.", expected: []),
        Row(title: "", text: "华为今年秋天将发布旗舰机,将搭载麒麟9010芯片。", expected: []),
        Row(title: "", text: "Baidu launched the Kunlun P800, built on a 7nm process.", expected: ["announce confirmed Baidu Kunlun P800 -"]),
    ]

    @Test("governments announce rules, not products; results and deals are not milestones", arguments: announced)
    func whatIsAnnounced(_ row: Row) { #expect(read(row) == row.expected) }

    // MARK: tense and aspect

    static let tense: [Row] = [
        // A government's "would" in reported speech is the "will" of its decision; in a condition
        // it is a measure under consideration. 将于 (will, from a date) starts a decided measure.
        Row(title: "", text: "China's commerce ministry said on Thursday that it would impose export controls on antimony.",
            date: "2024-08-15", expected: ["restrict confirmed - -"]),
        Row(title: "", text: "The US would add the firms to the Entity List if talks fail.", date: "2025-09-03",
            expected: ["restrict planned - -"]),
        Row(title: "", text: "美国商务部将于2025年12月31日起撤销台积电南京工厂的VEU授权。", date: "2025-09-03",
            expected: ["restrict confirmed - -"]),
        Row(title: "", text: "The Ascend 950DT is to be delivered in the fourth quarter.", date: "2026-06-15",
            expected: ["announce confirmed Huawei Ascend 950DT 2026-Q4"]),
        Row(title: "", text: "Nvidia is set to ship the B30A to Chinese customers next year.", date: "2025-09-01",
            expected: ["announce confirmed Nvidia B30A 2026"]),
        Row(title: "", text: "Micron shipped HBM4 samples to key customers.", date: "2025-06-10",
            expected: ["announce confirmed Micron HBM4 2025-Q2"]),
        Row(title: "", text: "Nvidia will be allowed to sell the H200 to approved customers in China, the White House said.",
            date: "2025-12-08", expected: ["relax confirmed Nvidia H200 -"]),
        Row(title: "", text: "TSMC reported revenue growth as N2 entered volume production.", date: "2026-01-15",
            expected: ["ship confirmed TSMC N2 2026-Q1"]),
        // A headline's bare infinitive is its future; pre-production is announced, not shipped;
        // a shipment forecast is a volume outlook, not a milestone.
        Row(title: "SK hynix to start mass production of HBM4 next month", text: "", date: "2025-08-20",
            expected: ["announce confirmed SK hynix HBM4 2025-Q3"]),
        Row(title: "", text: "Samsung has begun trial mass production of HBM4 at its Pyeongtaek line.", date: "2025-06-10",
            expected: ["announce confirmed Samsung HBM4 2025-Q2"]),
        Row(title: "", text: "Analysts cut the 2025 shipment forecast for the Blackwell Ultra by a third.", date: "2025-05-02",
            expected: []),
        Row(title: "", text: "Huawei hopes to begin deliveries of the Ascend 960 in October.", date: "2026-06-15",
            expected: ["announce confirmed Huawei Ascend 960 2026-Q4"]),
        // "we'd" is "we would": a promise, not a delivery.
        Row(title: "", text: "Huawei said we'd see the Ascend 960 hit the market this year.", date: "2026-06-15",
            expected: ["announce confirmed Huawei Ascend 960 2026"]),
        // A stated window still running at publication: the verb's aspect decides. Told as begun,
        // done or under way it is a ship; told bare, a plan.
        Row(title: "", text: "Huawei ships the Ascend 950DT by year-end.", date: "2026-10-09",
            expected: ["announce confirmed Huawei Ascend 950DT 2026-Q4"]),
        Row(title: "", text: "Huawei began shipping the Ascend 950DT in the fourth quarter.", date: "2026-10-09",
            expected: ["ship confirmed Huawei Ascend 950DT 2026-Q4"]),
        Row(title: "", text: "Huawei is shipping the Ascend 950DT this quarter.", date: "2026-10-09",
            expected: ["ship confirmed Huawei Ascend 950DT 2026-Q4"]),
        Row(title: "", text: "华为昇腾950DT于今年下半年量产。", date: "2026-08-03",
            expected: ["announce confirmed Huawei Ascend 950DT 2026-H2"]),
        Row(title: "", text: "华为昇腾950DT今年下半年已开始量产。", date: "2026-08-03",
            expected: ["ship confirmed Huawei Ascend 950DT 2026-H2"]),
        Row(title: "", text: "华为表示，昇腾950DT正量产，今年可满足客户需求。", date: "2026-08-03",
            expected: ["ship confirmed Huawei Ascend 950DT 2026"]),
        // Chinese plan words: 打算, 规划 (規畫), 稍后, 即将.
        Row(title: "", text: "華為規畫昇腾950DT本月稍後開始量產。", date: "2026-10-09",
            expected: ["announce confirmed Huawei Ascend 950DT 2026-Q4"]),
    ]

    @Test("future, plans, sampling and reported decisions", arguments: tense)
    func tenseAndAspect(_ row: Row) { #expect(read(row) == row.expected) }

    // MARK: windows

    static let windows: [Row] = [
        // An announcement's milestone is the date it promises; the day it was made counts only
        // when it promises none.
        Row(title: "", text: "On October 14, Oracle announced plans to deploy AMD's MI450 starting in the third quarter of 2026.",
            date: "2025-10-15", expected: ["announce confirmed AMD Instinct MI450 2026-Q3"]),
        Row(title: "", text: "Google unveiled the TPU v5p on December 6.", date: "2023-12-08",
            expected: ["announce confirmed Google TPU v5p 2023-12-06"]),
        // An unveiling "on Monday" or "yesterday" is dated to that day before publication
        // (decision 37): 2025-09-10 was a Wednesday.
        Row(title: "", text: "Nvidia unveiled the Rubin CPX on Monday.", date: "2025-09-10",
            expected: ["announce confirmed Nvidia Rubin CPX 2025-09-08"]),
        Row(title: "", text: "Nvidia unveiled the Rubin CPX yesterday.", date: "2025-09-10",
            expected: ["announce confirmed Nvidia Rubin CPX 2025-09-09"]),
        Row(title: "", text: "Google said Ironwood will be generally available in the coming weeks.", date: "2025-11-06",
            expected: ["announce confirmed Google TPU v7 Ironwood 2025-Q4"]),
        Row(title: "", text: "Cambricon plans to start mass production of the MLU690 in March of this year.", date: "2026-01-20",
            expected: ["announce confirmed Cambricon MLU690 2026-Q1"]),
        Row(title: "", text: "Nvidia expects Rubin CPX to be available by year-end.", date: "2026-02-01",
            expected: ["announce confirmed Nvidia Rubin CPX 2026-Q4"]),
        Row(title: "", text: "Nvidia said Blackwell Ultra shipments will begin in the second quarter of fiscal 2026.", date: "2025-03-18",
            expected: ["announce confirmed Nvidia Blackwell Ultra 2025-Q2"]),
        Row(title: "", text: "Micron expects to ship HBM4 in volume in the first quarter of fiscal 2026.", date: "2025-06-25",
            expected: ["announce confirmed Micron HBM4 2025-Q4"]),
        Row(title: "", text: "The Atlas 350 card, introduced in March, is built around the Ascend 950PR.", date: "2026-09-10",
            expected: []),
        Row(title: "", text: "Huawei plans to ship the Ascend 960 this fall.", date: "2027-05-01",
            expected: ["announce confirmed Huawei Ascend 960 2027-H2"]),
        // A date inside a subordinate clause dates that clause's verb, not the event word's.
        Row(title: "", text: "China has approved the first export licences for gallium since controls were introduced on August 1.",
            date: "2023-09-21", expected: ["relax confirmed - -"]),
        // An unveiling keeps its day ("today", "on March 20"): the milestone's quarter, never a promise.
        Row(title: "", text: "Nvidia today unveiled the B300.", date: "2026-03-25",
            expected: ["announce confirmed Nvidia Blackwell Ultra 2026-03-25"]),
        Row(title: "", text: "Huawei unveiled the Ascend 950PR on March 20.", date: "2026-03-25",
            expected: ["announce confirmed Huawei Ascend 950PR 2026-03-20"]),
        // A plan whose window closed long before publication is the history of the news.
        Row(title: "", text: "In 2024 Cambricon said it would start mass production of the MLU590 in 2025.", date: "2026-09-10",
            expected: []),
        Row(title: "", text: "Cambricon said it would start mass production of the MLU590 in 2027.", date: "2026-09-10",
            expected: ["announce confirmed Cambricon MLU590 2027"]),
        // Weeks and months counted from publication: "this week" and "last week" date an
        // unveiling to a day of that week (decisions 72, 238), "next week" a start (decision 43:
        // 2026-03-28 + 7 days is in Q2); 本月 and 下个月 a month, 20日 a day of the month; 昨日
        // the day before. "Last month" and 上个月 give no window: a month that ended is no
        // promise, exactly as "in February" read in March is none for an unveiling.
        Row(title: "", text: "AMD unveiled the MI355X this week.", date: "2025-06-12",
            expected: ["announce confirmed AMD Instinct MI350 2025-06-12"]),
        Row(title: "", text: "Samsung will begin mass production of the HBM4 next week.", date: "2026-03-28",
            expected: ["announce confirmed Samsung HBM4 2026-04-04"]),
        Row(title: "", text: "三星计划于下个月开始量产HBM4。", date: "2026-03-20",
            expected: ["announce confirmed Samsung HBM4 2026-Q2"]),
        Row(title: "", text: "摩尔线程20日举行开发者大会，发布了MTT S3000。", date: "2025-12-22",
            expected: ["announce confirmed Moore Threads MTT S3000 2025-12-20"]),
        Row(title: "", text: "华为昨日发布了昇腾950PR。", date: "2026-03-03",
            expected: ["announce confirmed Huawei Ascend 950PR 2026-03-02"]),
        Row(title: "", text: "Huawei unveiled the Ascend 950PR last month.", date: "2026-04-10",
            expected: ["announce confirmed Huawei Ascend 950PR -"]),
    ]

    @Test("relative, seasonal and fiscal windows; past dates are never promises", arguments: windows)
    func windowReading(_ row: Row) { #expect(read(row) == row.expected) }

    // MARK: names the dictionary does not know

    @Test("a model named with its vendor but missing from the dictionary is a signal marked unknown")
    func unknownNames() {
        let x = extractor.extract(title: "", text: "Cambricon said the Cambricon MLU790 is now in mass production.",
                                       published: Timestamp.parse("2026-06-15"))
        let signal = x.signals.first { $0.event == .ship }
        #expect(signal?.product == "Cambricon MLU790")
        #expect(signal?.known == false)
        #expect(x.unknownProducts == ["Cambricon MLU790"])
        #expect(!x.products.contains("Cambricon MLU790"))
        // A phone or a model of a model developer is not a chip.
        let phone = extractor.extract(title: "", text: "Huawei Mate60 sales rose while DeepSeek R2 was delayed.",
                                           published: Timestamp.parse("2026-06-15"))
        #expect(phone.unknownProducts.isEmpty)
    }

    /// Model shapes after a vendor: digits-letters-digits, hyphens, a slash between digits, a
    /// node only after a foundry (a node of someone else's product is how it is made).
    static let modelShapes: [(text: String, unknown: [String])] = [
        ("Loongson 3A6000 processors are now in mass production.", ["Loongson 3A6000"]),
        ("龙芯3C6000将于明年发布。", ["Loongson 3C6000"]),
        ("Zhaoxin KX-7000 and Phytium FT-2000/4 chips were shown.", ["Zhaoxin KX-7000", "Phytium FT-2000/4"]),
        ("Intel builds a SiFive P550-based board.", ["SiFive P550"]),
        // A graphics card's suffixes belong to its name; a longer brand ending in a shorter one
        // names the model as the dictionary names its own ("GeForce RTX" -> "RTX").
        ("GeForce RTX 5070 Ti Super and Radeon RX 7900 XTX cards were shown.", ["Nvidia RTX 5070 Ti Super", "AMD Radeon RX 7900 XTX"]),
        ("GeForce GTX 1630 cards are cheap.", ["Nvidia GTX 1630"]),
        // "28nm" after TSMC is TSMC's node, though the dictionary knows "28nm" only as SMIC's.
        ("TSMC 28nm capacity will grow next year.", ["TSMC 28nm"]),
        // Not names: a designer's node, a half-year, a multiple.
        ("Jingjia Micro 28nm GPUs were shown.", []),
        ("Loongson 2H2025 plans and Loongson 2x100 boards.", []),
    ]

    /// The names of an item that the dictionary does not know.
    func unknownProducts(_ text: String) -> [String] {
        extractor.extract(title: "", text: text, published: Timestamp.parse("2026-06-15")).unknownProducts
    }

    @Test("model shapes the dictionary does not list")
    func modelShapeNames() {
        for row in ExtractCapabilityTests.modelShapes { #expect(unknownProducts(row.text) == row.unknown, "\(row.text)") }
    }

    /// A claim about a chip the dictionary has no name for stands, without a product (it moves
    /// no milestone): a plan or launch beside a chip noun, a start of production by a vendor that
    /// is the clause's subject; a claim that speaks of no chip at all still needs a product.
    static let nameless: [Row] = [
        Row(title: "", text: "The start-up said its first inference chip will launch in the second half of 2027.",
            expected: ["announce confirmed - 2027-H2"]),
        Row(title: "", text: "Kioxia will unveil its next-generation NAND in 2027, people familiar with the matter said.",
            expected: ["announce reported - 2027"]),
        // A headline's vendor, the subject of its clause, starting production of a chip it gives
        // no name; in the body the same sentence is not enough.
        Row(title: "Samsung has begun mass production of its 8th-generation V-NAND chips", text: "",
            expected: ["ship confirmed - 2026-Q2"]),
        Row(title: "长鑫存储的内存芯片自主制造项目正式投产", text: "",
            expected: ["ship confirmed - 2026-Q2"]),
        Row(title: "", text: "Samsung has begun mass production of its 8th-generation V-NAND chips.",
            expected: []),
        // The vendor's own announcement of a start, in the body, is its claim; not an
        // announcement whose start is a purpose ("funds to be used for mass production").
        Row(title: "", text: "Kioxia today announced volume shipment of its 10th-generation NAND chips.",
            expected: ["ship confirmed - 2026-Q2"]),
        Row(title: "", text: "长鑫存储宣布,新一代内存芯片实现量产。",
            expected: ["ship confirmed - 2026-Q2"]),
        Row(title: "", text: "Kioxia announced an investment, with funds to be used for the mass production of its NAND chips.",
            expected: []),
        // A vendor, the subject of its clause, ending a chip it gives no name; not anyone
        // else's shutdown near a chip noun.
        Row(title: "", text: "Kioxia has shut down development of its storage-class memory chips.",
            expected: ["cancel confirmed - -"]),
        Row(title: "", text: "Federal prosecutors shut down a network that smuggled Nvidia chips.", expected: []),
        // A fab's dated start of production is its vendor's plan with no product (decision 71);
        // a fab with no date, or a date already past, is not.
        Row(title: "", text: "TSMC said its second Kumamoto fab will start volume production in 2027.",
            expected: ["announce confirmed - 2027"]),
        Row(title: "", text: "中芯国际表示,上海的新工厂将在2028年量产。",
            expected: ["announce confirmed - 2028"]),
        Row(title: "", text: "TSMC said its second Kumamoto fab will start volume production.",
            expected: []),
        // No start: a count of shipments; the object of a delay; an unnamed slip (wrong as
        // often as right on the tune split).
        Row(title: "", text: "AMD tripled its server processor shipments in a year.",
            expected: []),
        Row(title: "", text: "Kioxia has delayed its next-generation NAND to 2027.",
            expected: []),
        Row(title: "", text: "龙芯表示,新一代处理器将于明年发布。",
            expected: ["announce confirmed - 2027"]),
        Row(title: "", text: "The carmaker unveiled a new sedan with a larger battery.",
            expected: []),
        Row(title: "", text: "The company delayed its annual shareholder meeting to July.",
            expected: []),
    ]

    @Test("a chip the dictionary has no name for still carries its claim", arguments: nameless)
    func namelessChips(_ row: Row) {
        #expect(read(row) == row.expected)
    }

    /// A vendor's brand word followed by a model names a product the dictionary does not list.
    static let lines: [(text: String, unknown: [String])] = [
        ("The Snapdragon 8 Gen 4 enters mass production this quarter.", ["Qualcomm Snapdragon 8 Gen 4"]),
        ("Samsung's Exynos 2700 will use the SF2P node.", ["Samsung Exynos 2700"]),
        ("Intel launched the Core Ultra 7 and Xeon 7 processors.", ["Intel Core Ultra 7", "Intel Xeon 7"]),
        ("Apple's A21 Pro chip is built on TSMC's N2.", ["Apple A21 Pro"]),
        ("The Snapdragon X Elite laptops arrive in June.", ["Qualcomm Snapdragon X Elite"]),
        // Not models: a year after a brand, a lower-case brand word, a lone letter, a model of a model developer.
        ("Intel's Core 2027 plans were unchanged.", []),
        ("The core 5 businesses grew.", []),
        ("The Snapdragon X platform was shown.", []),
        ("DeepSeek R1+聯 runs on the cluster.", []),
    ]

    /// 终止上市 ends a company's listing, not a product: no cancel (the chip-unit's "listing"
    /// still reads as a weak launch word, a weakness of 上市 left as it is).
    @Test("a listing ended is no cancel")
    func listingEnded() {
        let row = Row(title: "", text: "中科曙光的芯片子公司将终止上市。", expected: [])
        #expect(!read(row).contains { $0.hasPrefix("cancel") }, "\(read(row))")
    }

    /// A model after "its" belongs to the vendor before it in the sentence, when a chip noun
    /// follows: the vendor and the model need not stand together.
    static let possessives: [(text: String, unknown: [String])] = [
        ("Marvell has begun customer shipments of its Teralynx 10 switch chips.", ["Marvell Teralynx 10"]),
        ("Samsung unveiled its Mach-1 AI chip on Tuesday.", ["Samsung Mach-1"]),
        ("Kioxia Corp. has begun shipping its latest X4-9070 NAND chips.", ["Kioxia X4-9070"]),
        // The nearest vendor before "its" owns it.
        ("Samsung said Kioxia will ship its X4-9070 NAND chips.", ["Kioxia X4-9070"]),
        // Not: no chip noun after the model, "its" in the next sentence, a brand line or vendor
        // after "its" (read where it stands, by the rules above).
        ("Samsung unveiled its Mach-1 platform.", []),
        ("Samsung spoke on Tuesday. Its Mach-1 chip ships soon.", []),
        ("Loongson has begun shipping its Loongson 3A6000 processors.", ["Loongson 3A6000"]),
    ]

    @Test("a model after \"its\" is the vendor's before it")
    func possessiveNames() {
        for row in ExtractCapabilityTests.possessives { #expect(unknownProducts(row.text) == row.unknown, "\(row.text)") }
    }

    @Test("brand words open model names: product lines the dictionary does not list")
    func productLines() {
        for row in ExtractCapabilityTests.lines { #expect(unknownProducts(row.text) == row.unknown, "\(row.text)") }
        let signal = extractor.extract(title: "", text: ExtractCapabilityTests.lines[0].text, published: Timestamp.parse("2026-06-15"))
            .signals.first { $0.event == .ship }
        #expect(signal?.product == "Qualcomm Snapdragon 8 Gen 4")
        #expect(signal?.vendors == ["Qualcomm"])
        #expect(signal?.known == false)
    }

    // MARK: Chinese-language news

    static let chinese: [Row] = [
        // Every traditional form of the readers' characters folds: 未來數週 is 未来数周.
        Row(title: "", text: "Ironwood將在未來數週內推出。", date: "2025-11-07", expected: ["announce confirmed Google TPU v7 Ironwood 2025-Q4"]),
        Row(title: "", text: "韓媒稱三星HBM4將於明年量產。", date: "2025-06-01", expected: ["announce reported Samsung HBM4 2026"]),
        Row(title: "", text: "华为昇腾950PR已开始量产。", date: "2026-03-20", expected: ["ship confirmed Huawei Ascend 950PR 2026-Q1"]),
        // 批量生产 (volume production): begun is a ship, planned an announcement.
        Row(title: "", text: "SK海力士已开始批量生产HBM4。", date: "2025-09-12", expected: ["ship confirmed SK hynix HBM4 2025-Q3"]),
        Row(title: "", text: "SK海力士计划从明年下半年开始批量生产HBM4。", date: "2024-05-02",
            expected: ["announce confirmed SK hynix HBM4 2025-H2"]),
        Row(title: "", text: "據悉，輝達H20將推遲至明年第一季度交付。", date: "2025-10-10",
            expected: ["slip reported Nvidia H20 2026-Q1"]),
        // Taiwan's 報導 and "foreign media" attribute as 报道 does.
        Row(title: "", text: "根據外媒報導,輝達H20將推遲至明年第一季度交付。", date: "2025-10-10",
            expected: ["slip reported Nvidia H20 2026-Q1"]),
        Row(title: "", text: "传闻寒武纪思元690将于2026年下半年量产。", date: "2025-12-01",
            expected: ["announce rumour Cambricon MLU690 2026-H2"]),
        Row(title: "", text: "华为否认昇腾920已经发布。", date: "2025-04-22", expected: []),
        Row(title: "", text: "谷歌宣布Ironwood将于未来几周正式上市。", date: "2025-11-06",
            expected: ["announce confirmed Google TPU v7 Ironwood 2025-Q4"]),
        Row(title: "", text: "中国商务部宣布放宽对美国的镓锗出口管制。", date: "2025-11-09", expected: ["relax confirmed - -"]),
        // Chinese windows: a month is its quarter (the nearest such month with no year), year-end
        // Q4, early in the year H1, with or without the year before them.
        Row(title: "", text: "华为计划10月发货昇腾910C。", date: "2024-08-15", expected: ["announce confirmed Huawei Ascend 910C 2024-Q4"]),
        Row(title: "", text: "华为计划2025年十二月发货昇腾910C。", date: "2024-08-15", expected: ["announce confirmed Huawei Ascend 910C 2025-Q4"]),
        Row(title: "", text: "华为昇腾910C将于今年年底量产。", date: "2024-08-15", expected: ["announce confirmed Huawei Ascend 910C 2024-Q4"]),
        Row(title: "", text: "华为昇腾910C将于年底量产。", date: "2024-08-15", expected: ["announce confirmed Huawei Ascend 910C 2024-Q4"]),
        Row(title: "", text: "华为昇腾910C将于2025年初量产。", date: "2024-08-15", expected: ["announce confirmed Huawei Ascend 910C 2025-H1"]),
        Row(title: "", text: "华为于3月15日发布昇腾910C。", date: "2024-08-15", expected: []),
        Row(title: "", text: "华为去年发布了昇腾910C。", date: "2026-03-21", expected: []),
        // 停止/暂停 before a ship word is a halt: a government's is a restriction, a supplier's no ship.
        Row(title: "", text: "政府要求台积电停止向华为出货。", date: "2024-10-24", expected: ["restrict confirmed - -"]),
        Row(title: "", text: "台积电已全面停止出货给该客户。", date: "2024-10-24", expected: []),
        // 全面生产 (in full production) and 开始 ... 生产 are ships; 就会/才会 (will then) and
        // 准备着手 (prepares to) make plans; a ship word before 时间点/时程 names a plan's date.
        Row(title: "", text: "黄仁勋表示，辉达已全面生产Vera Rubin。", date: "2026-01-31",
            expected: ["ship confirmed Nvidia Rubin 2026-Q1"]),
        Row(title: "", text: "华为昇腾950DT已开始在深圳工厂生产。", date: "2026-10-09",
            expected: ["ship confirmed Huawei Ascend 950DT 2026-Q4"]),
        Row(title: "", text: "代工厂自今年10月起就会出货昇腾950DT。", date: "2026-08-03",
            expected: ["announce confirmed Huawei Ascend 950DT 2026-Q4"]),
        Row(title: "", text: "华为也准备着手进入昇腾960量产。", date: "2026-08-03",
            expected: ["announce confirmed Huawei Ascend 960 -"]),
        Row(title: "", text: "华为没有公布昇腾960的出货时间点。", date: "2026-08-03", expected: []),
        // 几天前, 早前, 先前 (days ago, earlier) make a recap; 现已, 如今 (now) turn to the news.
        Row(title: "", text: "几天前，华为发布了昇腾950PR。", date: "2026-03-20", expected: []),
        Row(title: "", text: "华为早前公布昇腾960，现已完成流片。", date: "2026-06-15",
            expected: ["announce confirmed Huawei Ascend 960 -"]),
        // An interview given to a newsroom is the speaker's own word, not a report through it.
        Row(title: "", text: "华为副董事长在接受路透社采访时说，昇腾960将于明年推出。", date: "2026-06-15",
            expected: ["announce confirmed Huawei Ascend 960 2027"]),
        Row(title: "", text: "据路透社报道，昇腾960将于明年推出。", date: "2026-06-15",
            expected: ["announce reported Huawei Ascend 960 2027"]),
    ]

    @Test("Chinese event and cue words, simplified and traditional", arguments: chinese)
    func chineseNews(_ row: Row) { #expect(read(row) == row.expected) }

    // MARK: modality

    static let modality: [Row] = [
        // A modal hedges the event it governs, not one whose clause it follows.
        Row(title: "", text: "Intel unveiled Gaudi 3, a chip that could compete with the H100.",
            expected: ["announce confirmed Intel Gaudi 3 -"]),
        Row(title: "", text: "Intel could unveil Gaudi 3.", expected: ["announce rumour Intel Gaudi 3 -"]),
        // A delay kept small or avoided is not one that happened.
        Row(title: "", text: "The new racks hold Nvidia GB200 systems in a structure that increases density while minimizing delays.",
            date: "2025-11-12", expected: []),
        // "Was supposed to" is a schedule that moved only with its date.
        Row(title: "", text: "The Ascend 950DT was supposed to launch in the fourth quarter of 2026.", date: "2027-01-10",
            expected: ["slip confirmed Huawei Ascend 950DT 2026-Q4"]),
        Row(title: "", text: "The Ascend 950DT was supposed to bring a massive performance improvement.", date: "2027-01-10",
            expected: []),
        // "According to" the actor itself is its own word; a newsroom's byline is no source.
        Row(title: "", text: "According to Intel, the company is on track to launch Meteor Lake in the second half of the year.",
            date: "2023-04-27", expected: ["announce confirmed Intel Meteor Lake 2023-H2"]),
        Row(title: "", text: "According to people familiar with the matter, Intel will launch Meteor Lake in the second half of the year.",
            date: "2023-04-27", expected: ["announce reported Intel Meteor Lake 2023-H2"]),
        Row(title: "", text: "〔記者林菁樺／台北報導〕經濟部昨公告更新出口實體清單。", date: "2024-06-11",
            expected: ["restrict confirmed - -"]),
        // The actor's published statement is its own word; a named outlet or broker is a source.
        Row(title: "", text: "The US added four Chinese companies to the Entity List, according to the statement.",
            date: "2024-05-09", expected: ["restrict confirmed - -"]),
        Row(title: "", text: "韩媒称三星HBM4将于明年量产。", date: "2025-06-01", expected: ["announce reported Samsung HBM4 2026"]),
        Row(title: "", text: "Intel apparently cancels its Falcon Shores GPU.", date: "2024-05-01",
            expected: ["cancel reported Intel Falcon Shores -"]),
        Row(title: "", text: "英特尔据报已获准向华为供货。", date: "2020-09-22", expected: ["relax reported - -"]),
        Row(title: "", text: "外资预估英伟达Rubin将于明年第二季量产。", date: "2025-08-22",
            expected: ["announce reported Nvidia Rubin 2026-Q2"]),
        // "May have delayed", "may be delayed": the text's own hedge on the claim, a rumour
        // (a bare "may" is not: it lowered modality on tune).
        Row(title: "", text: "Intel may have delayed the launch of its Arc Alchemist graphics cards to the second half of 2022.",
            date: "2022-01-20", expected: ["slip rumour Intel Arc Alchemist 2022-H2"]),
        // A measure an official "may", "could" or "might" take is one under consideration
        // (decision 44), as is a bill in Chinese; "may now" is a permission the rule gives and
        // "in May" a month.
        Row(title: "", text: "President Trump said on Monday he may allow Nvidia to sell a cut-down Blackwell chip to China.",
            date: "2025-08-12", expected: ["relax planned Nvidia Blackwell -"]),
        Row(title: "", text: "美国众议员提出一项法案，将限制向中国出口人工智能芯片。", date: "2026-01-20",
            expected: ["restrict planned - -"]),
        Row(title: "", text: "Licence applications for the chips may now be reviewed by BIS on a case-by-case basis.",
            date: "2026-01-20", expected: ["relax confirmed - -"]),
        Row(title: "", text: "The rules, announced in May, restrict exports of AI chips to China.", date: "2025-06-20",
            expected: ["restrict confirmed - -"]),
        // 据称 ("it is said") is hearsay: a rumour.
        Row(title: "", text: "据称英伟达还规划于2027年第三季推出N2系列芯片。", date: "2026-01-10",
            expected: ["announce rumour - 2027-Q3"]),
        // Sources in Chinese news (业界消息, 传出, 消息称) and a teardown report what they say.
        Row(title: "", text: "业界消息指出,英伟达Rubin将于2026年下半年量产。", date: "2026-03-01",
            expected: ["announce reported Nvidia Rubin 2026-H2"]),
        Row(title: "", text: "近期传出英伟达GB200必须延后出货至明年第一季。", date: "2024-08-05",
            expected: ["slip reported Nvidia Blackwell 2025-Q1"]),
        Row(title: "", text: "Huawei has started mass-producing the Kirin 9000S, a teardown shows.", date: "2023-09-05",
            expected: ["ship reported Huawei Kirin 9000S 2023-Q3"]),
        // A measure vowed, threatened or proposed is planned, not issued (decision 44).
        Row(title: "Trump vows to impose chip import tariffs of up to 100%", text: "", date: "2025-08-06",
            expected: ["restrict planned - -"]),
        Row(title: "", text: "The White House proposes a new licence requirement for AI chip exports to Malaysia.", date: "2025-07-05",
            expected: ["restrict planned - -"]),
        // Considered (考慮, traditional too), intended (有意), likely, or to be announced: planned.
        Row(title: "", text: "彭博報道,美國考慮將長鑫存儲在內的6間公司列入實體清單。", date: "2024-06-10",
            expected: ["restrict planned - -"]),
        Row(title: "US is reportedly likely to grant Huawei another 90-day license extension", text: "", date: "2019-08-16",
            expected: ["relax planned - -"]),
        Row(title: "美国本周将宣布对中国半导体技术出口管制新规", text: "", date: "2024-12-01",
            expected: ["restrict planned - -"]),
        Row(title: "", text: "Nvidia has reportedly delayed Rubin to the first quarter of 2027.", date: "2026-05-01",
            expected: ["slip reported Nvidia Rubin 2027-Q1"]),
        Row(title: "", text: "A leaker claims Nvidia will delay Rubin to 2027.", date: "2026-05-01",
            expected: ["slip rumour Nvidia Rubin 2027"]),
        Row(title: "", text: "SK hynix began mass production of HBM4, according to the company.", date: "2025-09-12",
            expected: ["ship confirmed SK hynix HBM4 2025-Q3"]),
        Row(title: "Intel refutes Panther Lake delay rumours",
            text: "Intel said Panther Lake remains on track to launch in the second half of this year.", date: "2025-03-05",
            expected: ["announce confirmed Intel Panther Lake 2025-H2"]),
        Row(title: "", text: "Huawei began shipping the Ascend 910C in May. Two people familiar with the matter said so.",
            date: "2025-05-20", expected: ["ship reported Huawei Ascend 910C 2025-Q2"]),
        // A sentence that names its speaker keeps its own source; an unnamed "they" does not.
        Row(title: "", text: "Huawei said it began shipping the Ascend 910C in May. People familiar with the matter said demand is high.",
            date: "2025-05-20", expected: ["ship confirmed Huawei Ascend 910C 2025-Q2"]),
        Row(title: "", text: "Huawei began shipping the Ascend 910C in May, they said. People familiar with the matter said demand is high.",
            date: "2025-05-20", expected: ["ship reported Huawei Ascend 910C 2025-Q2"]),
        // A company reporting its results in the headline is not a source over the body.
        Row(title: "Nvidia reports $44.1 billion in first-quarter revenue",
            text: "The GB200 NVL72 is now in full production, said chief executive Jensen Huang.", date: "2025-05-28",
            expected: ["ship confirmed Nvidia Blackwell 2025-Q2"]),
        // Analysts spoken to are an audience, not a source.
        Row(title: "", text: "Intel has cancelled Falcon Shores as a product, its chief executive told analysts on Thursday.",
            date: "2025-01-31", expected: ["cancel confirmed Intel Falcon Shores -"]),
        Row(title: "", text: "Intel has cancelled Falcon Shores as a product, analysts said on Thursday.",
            date: "2025-01-31", expected: ["cancel reported Intel Falcon Shores -"]),
    ]

    @Test("confirmed, reported, rumour: in the sentence, the headline and the item", arguments: modality)
    func modalities(_ row: Row) { #expect(read(row) == row.expected) }
}
