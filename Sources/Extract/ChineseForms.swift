/// Traditional Chinese characters folded to their simplified forms before matching, so one
/// dictionary entry reads news from Taiwan and Hong Kong too ("量產" = "量产", "實體清單" =
/// "实体清单", "輝達" = "辉达"). One character for one: evidence offsets stay exact. The
/// table holds the characters of the dictionary's Chinese words and names, not a full
/// conversion (which maps some characters by context).
enum ChineseForms {
    static let simplified: [UInt32: Unicode.Scalar] = {
        let pairs = [
            "產产", "貨货", "遲迟", "發发", "佈布", "實实", "體体", "單单", "寬宽", "據据", "傳传", "聞闻", "認认", "報报", "導导", "畫划", "預预", "計计",
            "將将", "暫暂", "輝辉", "達达", "華华", "為为", "騰腾", "興兴", "訊讯", "長长", "記记", "憶忆", "積积", "電电", "務务", "關关", "內内", "許许",
            "證证", "開开", "啟启", "動动", "製制", "銷销", "時时", "後后", "裝装", "測测", "試试", "樣样", "題题", "問问", "擬拟", "劃划", "現现", "執执",
            "釋释", "續续", "優优", "術术", "於于", "個个", "們们", "這这", "來来", "門门", "過过", "還还", "對对", "無无", "與与", "從从", "國国", "際际",
            "紀纪", "爾尔", "線线", "儲储", "訂订", "購购", "應应", "終终", "資资", "網网", "謠谣", "聲声", "稱称", "級级", "層层", "圓圆", "廠厂", "進进",
            "雖虽", "並并", "沒没", "備备", "準准", "確确", "歲岁", "億亿", "萬万", "規规", "則则", "歐欧", "聯联", "邊边", "陸陆", "臺台", "灣湾", "龍龙",
            "統统", "總总", "馬马", "義义", "麼么", "點点", "貿贸", "賣卖", "買买", "轉转", "鬆松", "質质", "觀观", "納纳", "週周", "幾几", "會会", "書书",
            "參参", "該该", "較较", "顆颗", "侖仑", "崙仑", "繞绕", "財财", "價价", "濫滥", "創创", "慮虑",
            "獲获", "給给",
            // The other characters of the dictionary's and the readers' Chinese words that have a
            // traditional form (generated once with OpenCC's s2t table, checked to fold back).
            "業业", "臨临", "爲为", "舉举", "雲云", "亞亚", "儀仪", "偉伟", "俠侠", "淨净", "辦办", "協协", "佔占", "號号", "啓启", "圖图", "場场", "處处",
            "頭头", "宮宫", "盡尽", "棄弃", "當当", "徵征", "掛挂", "數数", "顯显", "曉晓", "機机", "權权", "漢汉", "愛爱", "監监", "礪砺", "組组", "經经",
            "績绩", "編编", "罰罚", "羣群", "節节", "蘋苹", "營营", "薩萨", "議议", "訴诉", "譯译", "請请", "調调", "賽赛", "車车", "軟软", "載载", "輔辅",
            "闢辟", "運运", "醞酝", "釀酿", "採采", "裏里", "裡里", "鎧铠", "鏈链", "銳锐", "閃闪", "間间", "險险", "韓韩", "額额", "風风", "飛飞", "鯤鲲",
            "鵬鹏", "麥麦", "綁绑",
        ]
        var table: [UInt32: Unicode.Scalar] = [:]
        for pair in pairs {
            let scalars = Array(pair.unicodeScalars)
            if scalars[0] != scalars[1] { table[scalars[0].value] = scalars[1] }
        }
        return table
    }()

    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar { simplified[scalar.value] ?? scalar }
}
