import Foundation

/// One sentence pattern in English and in Welsh, with the ages of person it suits.
///
/// Patterns hold slots in braces:
/// - `{first}` the person's first name; `{first~m}` / `{first~a}` the same after a word that
///   causes soft / aspirate mutation (applied in Welsh to Welsh names only); `{â:first}` and
///   `{gyda:first}` the Welsh "with" before it ("ag Angharad", "gyda Chatrin");
/// - `{?he|she}` chooses by the person's sex (masculine first), which the Welsh text needs
///   for "ei" (his / her) and the mutations that follow it;
/// - any other name is a slot filled from the tables below (a trailing digit makes a second,
///   independent draw: `{activity2}`), or from values fixed for the person (`{caredFor}`);
///   a capital first letter capitalises what is filled in.
///
/// The Welsh is written so that every filled slot sits where no mutation is due, or the
/// slot's Welsh values already carry the mutation of the word before them (the slots after
/// "am" carry the soft mutation, for example).
struct DemoPhrase: Sendable {
    let en: String
    let cy: String
    let ages: ClosedRange<Int>
    init(_ en: String, _ cy: String, ages: ClosedRange<Int> = 0...130) {
        self.en = en; self.cy = cy; self.ages = ages
    }
}

private typealias P = DemoPhrase

/// Who and what a piece of demo text is about.
struct DemoTextContext {
    var first: String
    var sex: DemoSex
    var welshFirst: Bool
    var service: Service
    var age: Int
    /// Values fixed for the person across all their text, such as `caredFor`.
    var values: [String: DemoPhrase] = [:]
}

enum DemoRenderer {
    /// Fills a pattern. Draws from `r` in the order slots appear, so the result is fixed
    /// by the generator's state.
    static func render(_ phrase: DemoPhrase, welsh: Bool, _ ctx: DemoTextContext, _ r: inout SplitMix64) -> String {
        var cache: [String: String] = [:]
        return fill(welsh ? phrase.cy : phrase.en, welsh: welsh, ctx, &r, &cache, depth: 0)
    }

    private static func fill(_ text: String, welsh: Bool, _ ctx: DemoTextContext, _ r: inout SplitMix64,
                             _ cache: inout [String: String], depth: Int) -> String {
        guard text.contains("{") else { return text }
        var out = ""
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            guard c == "{", let close = text[i...].firstIndex(of: "}") else {
                out.append(c); i = text.index(after: i); continue
            }
            let token = String(text[text.index(after: i)..<close])
            out += resolve(token, welsh: welsh, ctx, &r, &cache, depth: depth)
            i = text.index(after: close)
        }
        return out
    }

    private static func resolve(_ token: String, welsh: Bool, _ ctx: DemoTextContext, _ r: inout SplitMix64,
                                _ cache: inout [String: String], depth: Int) -> String {
        if token.hasPrefix("?") {
            let options = token.dropFirst().split(separator: "|", omittingEmptySubsequences: false)
            let chosen = ctx.sex == .male ? options[0] : (options.count > 1 ? options[1] : options[0])
            return fill(String(chosen), welsh: welsh, ctx, &r, &cache, depth: depth + 1)
        }
        switch token {
        case "first": return ctx.first
        case "first~m": return welsh && ctx.welshFirst ? WelshMutation.soft(ctx.first) : ctx.first
        case "first~a": return welsh && ctx.welshFirst ? WelshMutation.aspirate(ctx.first) : ctx.first
        // "â" and "gyda" (with) become "ag" and "gydag" before a vowel, and cause the aspirate mutation.
        case "â:first", "gyda:first":
            let word = token.hasPrefix("â") ? "â" : "gyda"
            if let f = ctx.first.first, "AEIOUYÂÊÎÔÛŴŶ".contains(f) { return (word == "â" ? "ag " : "gydag ") + ctx.first }
            return "\(word) " + (welsh && ctx.welshFirst ? WelshMutation.aspirate(ctx.first) : ctx.first)
        default: break
        }
        if let cached = cache[token] { return cached }
        var key = token
        var capitalise = false
        if let f = key.first, f.isUppercase {
            capitalise = true
            key = f.lowercased() + key.dropFirst()
        }
        var value: String
        if let fixed = ctx.values[key] {
            value = fill(welsh ? fixed.cy : fixed.en, welsh: welsh, ctx, &r, &cache, depth: depth + 1)
        } else {
            let base = String(key.reversed().drop(while: { $0.isNumber }).reversed())
            let options = (DemoText.slots["\(ctx.service.rawValue).\(base)"] ?? DemoText.slots[base] ?? [])
                .filter { $0.ages.contains(ctx.age) }
            guard !options.isEmpty, depth < 4 else { return "" }
            let p = r.pick(options)
            value = fill(welsh ? p.cy : p.en, welsh: welsh, ctx, &r, &cache, depth: depth + 1)
        }
        if capitalise, let f = value.first { value = f.uppercased() + value.dropFirst() }
        cache[token] = value
        return value
    }
}

/// The words of the demo: what people said mattered to them, and practitioners' notes.
enum DemoText {
    // MARK: Slots

    static let slots: [String: [DemoPhrase]] = [
        "howLong": [
            P("for forty years", "ers deugain mlynedd"),
            P("for over fifty years", "ers dros hanner can mlynedd", ages: 65...130),
            P("for thirty years", "ers deng mlynedd ar hugain", ages: 45...130),
            P("since we married", "ers i ni briodi", ages: 30...130),
            P("all my life", "ar hyd fy oes"),
        ],
        "homeMemory": [
            P("Every room has a memory in it.", "Mae atgof ym mhob stafell."),
            P("I know every one of my neighbours.", "Dw i'n nabod pob un o'r cymdogion."),
            P("I can see the mountain from my chair.", "Dw i'n gallu gweld y mynydd o fy nghadair."),
            P("The chapel is just up the road.", "Mae'r capel jyst i fyny'r ffordd."),
            P("I brought my children up there.", "Yno y magais i fy mhlant."),
        ],
        "relative": [
            P("my daughter", "fy merch"), P("my son", "fy mab"), P("my sister", "fy chwaer"),
            P("my brother", "fy mrawd"), P("my niece", "fy nith"), P("my neighbour", "fy nghymydog"),
            P("my best friend", "fy ffrind gorau"),
        ],
        "away": [
            P("in Cardiff", "yng Nghaerdydd"), P("in Swansea", "yn Abertawe"), P("over in England", "draw yn Lloegr"),
            P("in Wrexham", "yn Wrecsam"), P("in Bristol", "ym Mryste"), P("in Aberystwyth", "yn Aberystwyth"),
            P("up in Liverpool", "i fyny yn Lerpwl"), P("in Australia", "yn Awstralia"),
        ],
        // A verb-noun phrase, used after "eisiau" / "gallu", where it takes no mutation.
        "activity": [
            P("sing with the choir", "canu gyda'r côr"),
            P("go to bowls", "mynd i fowlio"),
            P("swim at the leisure centre", "nofio yn y ganolfan hamdden"),
            P("work on my allotment", "gweithio ar fy rhandir"),
            P("walk the dog along the river", "mynd â'r ci am dro ar lan yr afon"),
            P("go to the knitting group at the library", "mynd i'r grŵp gwau yn y llyfrgell"),
            P("cook my own meals", "coginio fy mhrydau fy hun"),
            P("do my own shopping in town", "gwneud fy siopa fy hun yn y dref"),
            P("go fishing with my brother", "mynd i bysgota gyda fy mrawd"),
            P("get to the rugby on a Saturday", "mynd i'r rygbi ar ddydd Sadwrn"),
            P("read the paper in the café", "darllen y papur yn y caffi"),
            P("play the organ in chapel", "chwarae'r organ yn y capel"),
        ],
        // The same, said of someone else.
        "theirActivity": [
            P("sing with the choir", "canu gyda'r côr"),
            P("go to bowls", "mynd i fowlio"),
            P("swim at the leisure centre", "nofio yn y ganolfan hamdden"),
            P("walk the dog along the river", "mynd â'r ci am dro ar lan yr afon"),
            P("get to the rugby on a Saturday", "mynd i'r rygbi ar ddydd Sadwrn"),
            P("cook {?his|her} own meals", "coginio {?ei brydau ei hun|ei phrydau ei hun}"),
            P("do {?his|her} own shopping in town", "gwneud {?ei siopa ei hun|ei siopa ei hun} yn y dref"),
            P("get back to chapel", "mynd yn ôl i'r capel"),
            P("have a night out with friends", "cael noson allan gyda ffrindiau"),
        ],
        "plants": [
            P("tomatoes", "tomatos"), P("sweet peas", "pys pêr"), P("leeks", "cennin"),
            P("runner beans", "ffa dringo"), P("roses", "rhosod"), P("potatoes", "tatws"),
        ],
        // After "tan" / "until".
        "setback": [
            P("my stroke", "i mi gael strôc"),
            P("the operation on my hip", "y llawdriniaeth ar fy nghlun"),
            P("last winter", "y gaeaf diwethaf"),
            P("I lost the sight in one eye", "i mi golli golwg un llygad"),
            P("I fell in the spring", "i mi gwympo yn y gwanwyn"),
        ],
        "workThing": [
            P("the people", "y bobl"), P("having a reason to get up in the morning", "cael rheswm i godi yn y bore"),
            P("the banter", "y tynnu coes"), P("feeling useful", "teimlo'n ddefnyddiol"),
        ],
        "toCommunity": [
            P("to the lunch club", "i'r clwb cinio"), P("to the community café", "i'r caffi cymunedol"),
            P("to choir practice", "i ymarfer y côr"), P("to chapel", "i'r capel"), P("to the {?Men's Shed|craft group at the library}", "{?i'r Sied Dynion|i'r grŵp crefft yn y llyfrgell}"),
            P("to the bowls club", "i'r clwb bowlio"), P("to the day centre", "i'r ganolfan ddydd"),
        ],
        "weekday": [
            P("on Tuesdays", "ar ddydd Mawrth"), P("on Wednesday mornings", "ar fore Mercher"),
            P("on Friday afternoons", "ar brynhawn Gwener"), P("on Thursdays", "ar ddydd Iau"),
            P("on Monday evenings", "ar nos Lun"), P("this week", "yr wythnos hon"),
        ],
        "workplace": [
            P("at the café in town", "yn y caffi yn y dref"), P("at the garden centre", "yn y ganolfan arddio"),
            P("at the animal rescue", "yn y lloches anifeiliaid"), P("at the library", "yn y llyfrgell"),
        ],
        "carerPerson": [
            P("my nan", "fy nain"), P("my auntie", "fy modryb"), P("Mum", "Mam"), P("my grandad", "fy nhaid"),
            P("my foster carers", "fy ngofalwyr maeth"),
        ],
        "childActivity": [
            P("football", "pêl-droed"), P("rugby", "rygbi"), P("netball", "pêl-rwyd"), P("Minecraft", "Minecraft"),
            P("in the park", "yn y parc"), P("on the trampoline", "ar y trampolîn"),
        ],
        "school": [
            P("Ysgol y Bryn", "Ysgol y Bryn"), P("Ysgol Gynradd Glan-yr-afon", "Ysgol Gynradd Glan-yr-afon"),
            P("Ysgol y Graig", "Ysgol y Graig"), P("Ysgol Uwchradd Cwm Tawel", "Ysgol Uwchradd Cwm Tawel"),
            P("Ysgol Gymraeg Maes-y-coed", "Ysgol Gymraeg Maes-y-coed"),
        ],
        "course": [
            P("hair and beauty", "trin gwallt a harddwch"), P("motor mechanics", "peirianneg moduron"),
            P("childcare", "gofal plant"), P("music", "cerddoriaeth"), P("sport", "chwaraeon"),
        ],
        "house": [
            P("at my nan's", "yn nhŷ Nain"), P("at my friend Ela's", "yn nhŷ fy ffrind Ela"),
            P("at my auntie's", "yn nhŷ fy modryb"),
        ],
        "months": [
            P("three months", "dri mis"), P("six months", "chwe mis"), P("a few weeks", "rai wythnosau"),
        ],
        "venue": [
            P("at the community café", "yn y caffi cymunedol"), P("at the library", "yn y llyfrgell"),
            P("at the GP surgery", "yn y feddygfa"), P("in the garden", "yn yr ardd"),
        ],
        "carers.venue": [
            P("at the carers' centre", "yn y ganolfan gofalwyr"), P("at the community café", "yn y caffi cymunedol"),
            P("in the car park at work", "ym maes parcio'r gwaith"),
        ],
        "venueMeeting": [
            P("at the Civic Centre", "yn y Ganolfan Ddinesig"), P("at the GP surgery", "yn y feddygfa"),
            P("at {first}'s home", "yng nghartref {first}"),
        ],
        "children.venueMeeting": [
            P("at school", "yn yr ysgol"), P("at the family centre", "yn y ganolfan deulu"),
            P("at the Civic Centre", "yn y Ganolfan Ddinesig"),
        ],
        "adults.referral": [
            P("after the GP raised a concern", "ar ôl i'r meddyg teulu godi pryder"),
            P("after a neighbour raised a concern", "ar ôl i gymydog godi pryder"),
            P("after the bank rang about unusual withdrawals", "ar ôl i'r banc ffonio am godi arian anarferol o'r cyfrif"),
            P("after the police shared a report", "ar ôl i'r heddlu rannu adroddiad"),
        ],
        "children.referral": [
            P("after school raised a concern", "ar ôl i'r ysgol godi pryder"),
            P("after the police shared a report", "ar ôl i'r heddlu rannu adroddiad"),
            P("after the health visitor raised a concern", "ar ôl i'r ymwelydd iechyd godi pryder"),
        ],
        "carers.referral": [
            P("after the GP raised a concern", "ar ôl i'r meddyg teulu godi pryder"),
            P("after the day centre raised a concern", "ar ôl i'r ganolfan ddydd godi pryder"),
        ],
        "adults.crisisState": [
            P("very distressed after a fall at home", "yn ofidus iawn ar ôl cwympo gartref"),
            P("alone after {?his|her} main carer was admitted to hospital",
              "ar {?ei ben ei hun|ei phen ei hun} ar ôl i'r prif ofalwr fynd i'r ysbyty"),
            P("frightened after an argument with a neighbour", "wedi dychryn ar ôl ffrae gyda chymydog"),
        ],
        "children.crisisState": [
            P("refusing to go home after school", "yn gwrthod mynd adref ar ôl yr ysgol", ages: 6...17),
            P("found by the police walking alone late at night",
              "wedi cael {?ei ganfod|ei chanfod} gan yr heddlu yn cerdded ar {?ei ben ei hun|ei phen ei hun} yn hwyr yn y nos",
              ages: 10...17),
            P("upset after a row at home, and staying at a friend's", "wedi cynhyrfu ar ôl ffrae gartref, ac yn aros gyda ffrind",
              ages: 8...17),
            P("at home with a parent who had become unwell", "gartref gyda rhiant oedd wedi mynd yn sâl", ages: 0...17),
        ],
        "carers.crisisState": [
            P("exhausted; {caredForName} had just been taken into hospital",
              "wedi blino'n lân; roedd {caredForName} newydd fynd i'r ysbyty"),
            P("frightened that {?he|she} could no longer cope at home", "yn ofni na allai ymdopi gartref rhagor"),
        ],
        "adults.strength": [
            P("{first} is a keen gardener and knows everyone in the street.",
              "Mae {first} yn {?arddwr brwd|arddwraig frwd} ac yn nabod pawb yn y stryd."),
            P("{?His|Her} daughter visits every day and wants to help.",
              "Mae {?ei ferch|ei merch} yn ymweld bob dydd ac eisiau helpu."),
            P("{first} was a carpenter for forty years and still fixes things for the neighbours.",
              "Bu {first} yn saer coed am ddeugain mlynedd, ac mae'n dal i drwsio pethau i'r cymdogion.", ages: 55...130),
            P("{first} has a great sense of humour and a strong faith; the chapel community rallies round.",
              "Mae gan {first} synnwyr digrifwch gwych a ffydd gref; mae cymuned y capel yn gefn {?iddo|iddi}."),
            P("{first} manages {?his|her} own medication with a dosette box and a good routine.",
              "Mae {first} yn rheoli {?ei feddyginiaeth ei hun|ei meddyginiaeth ei hun} gyda bocs dosette a threfn dda."),
            P("The neighbours keep an eye out and pick up {?his|her} prescriptions.",
              "Mae'r cymdogion yn cadw llygad ac yn casglu {?ei bresgripsiynau|ei phresgripsiynau}."),
            P("{first} knows exactly what {?he|she} wants and says so.",
              "Mae {first} yn gwybod yn union beth {?mae e|mae hi} eisiau, ac yn dweud hynny."),
        ],
        "children.strength": [
            P("{first} is funny, kind to {?his|her} little sister and loves drawing.",
              "Mae {first} yn ddoniol, yn garedig wrth {?ei chwaer fach|ei chwaer fach} ac wrth {?ei fodd|ei bodd} yn tynnu lluniau.",
              ages: 4...17),
            P("{first}'s nan is a steady presence and lives two streets away.",
              "Mae Nain yn gefn cadarn i {first~m} ac yn byw ddwy stryd i ffwrdd."),
            P("School describe {first} as bright and determined, with a good group of friends.",
              "Mae'r ysgol yn disgrifio {first} fel plentyn disglair a phenderfynol, gyda chylch da o ffrindiau.", ages: 5...17),
            P("{?His|Her} parents are open with us and want to make things work.",
              "Mae {?ei rieni|ei rhieni} yn agored gyda ni ac eisiau i bethau weithio."),
            P("{first} plays for the local {sport} team, and the coach is a good role model.",
              "Mae {first} yn chwarae i'r tîm {sport} lleol, ac mae'r hyfforddwr yn esiampl dda.", ages: 7...17),
            P("{first} is a contented baby who feeds well, and Mum has a good friend next door.",
              "Mae {first} yn fabi bodlon sy'n bwydo'n dda, ac mae gan Mam ffrind da drws nesaf.", ages: 0...1),
        ],
        "carers.strength": [
            P("{first} is organised and resourceful, and knows {caredForName} better than anyone.",
              "Mae {first} yn drefnus ac yn ddyfeisgar, ac yn nabod {caredForName} yn well na neb."),
            P("{first} has a close friend from work who phones most evenings.",
              "Mae gan {first} ffrind agos o'r gwaith sy'n ffonio bron bob noson."),
            P("The wider family are willing to share the caring at weekends.",
              "Mae'r teulu ehangach yn barod i rannu'r gofalu ar benwythnosau."),
            P("{first} used to sing in a choir and would love to again.",
              "Roedd {first} yn arfer canu mewn côr a byddai wrth {?ei fodd|ei bodd} yn gwneud hynny eto."),
        ],
        "sport": [P("football", "pêl-droed"), P("rugby", "rygbi"), P("netball", "pêl-rwyd")],
        "adults.agencies": [
            P("the GP, the district nurse and the housing officer", "y meddyg teulu, y nyrs ardal a'r swyddog tai"),
            P("the occupational therapist, the GP and the community connector", "y therapydd galwedigaethol, y meddyg teulu a'r cysylltydd cymunedol"),
        ],
        "children.agencies": [
            P("school, the health visitor and the police", "yr ysgol, yr ymwelydd iechyd a'r heddlu"),
            P("school, the school nurse and the youth worker", "yr ysgol, nyrs yr ysgol a'r gweithiwr ieuenctid"),
        ],
        "carers.agencies": [
            P("the GP, the carers' centre and the hospital discharge team", "y meddyg teulu, y ganolfan gofalwyr a thîm rhyddhau'r ysbyty"),
        ],
        "adults.progress": [
            P("started going to the lunch club again", "dechrau mynd i'r clwb cinio eto"),
            P("been out in the garden most days", "bod allan yn yr ardd bron bob dydd"),
            P("got to know my neighbours", "dod i nabod fy nghymdogion"),
            P("been sleeping better", "bod yn cysgu'n well"),
            P("managed the bus into town on my own", "llwyddo i ddal y bws i'r dref ar fy mhen fy hun"),
        ],
        "carers.progress": [
            P("had two evenings out with friends", "cael dwy noson allan gyda ffrindiau"),
            P("been sleeping a bit better", "bod yn cysgu ychydig yn well"),
            P("started singing with the choir again", "ailddechrau canu gyda'r côr"),
        ],
        // After "am" (about), so the Welsh carries the soft mutation.
        "adults.infoTopic": [
            P("Attendance Allowance", "Lwfans Gweini"),
            P("falls prevention classes", "ddosbarthiadau atal cwympo"),
            P("the Blue Badge scheme", "gynllun y Bathodyn Glas"),
            P("energy grants for the winter", "rantiau ynni ar gyfer y gaeaf"),
            P("the community transport scheme", "gynllun trafnidiaeth gymunedol"),
        ],
        "children.infoTopic": [
            P("local parenting courses", "gyrsiau rhianta lleol"),
            P("the Family Information Service", "y Gwasanaeth Gwybodaeth i Deuluoedd"),
            P("Flying Start childcare", "ofal plant Dechrau'n Deg", ages: 0...4),
            P("free school meals and the school uniform grant", "brydau ysgol am ddim a'r grant gwisg ysgol", ages: 4...17),
        ],
        "carers.infoTopic": [
            P("Carer's Allowance", "Lwfans Gofalwr"),
            P("the carer's emergency card", "gerdyn argyfwng y gofalwr"),
            P("short breaks for carers", "seibiannau byr i ofalwyr"),
            P("the carers' centre's counselling service", "wasanaeth cwnsela'r ganolfan gofalwyr"),
        ],
        "adults.toGroup": [
            P("to the lunch club at the village hall", "i'r clwb cinio yn neuadd y pentref"),
            P("to the {?Men's Shed|craft group at the library}", "{?i'r Sied Dynion|i'r grŵp crefft yn y llyfrgell}"),
            P("to the walking group", "i'r grŵp cerdded"),
            P("to the community choir", "i'r côr cymunedol"),
            P("to a befriending volunteer from the local chapel", "i wirfoddolwr cyfeillio o'r capel lleol"),
            P("to the memory café", "i'r caffi cof", ages: 60...130),
        ],
        "children.toGroup": [
            P("to the youth club", "i'r clwb ieuenctid", ages: 10...17),
            P("to the Urdd club", "i aelwyd yr Urdd", ages: 7...17),
            P("to the stay-and-play group", "i'r grŵp aros a chwarae", ages: 0...4),
            P("to the local football club", "i'r clwb pêl-droed lleol", ages: 5...17),
        ],
        "carers.toGroup": [
            P("to the carers' café", "i gaffi'r gofalwyr"),
            P("to the carers' walking group", "i grŵp cerdded y gofalwyr"),
            P("to a peer support group for carers", "i grŵp cymorth cymheiriaid i ofalwyr"),
        ],
        "adults.ownSolution": [
            P("come to an arrangement with a neighbour: help with the bins and the shopping in exchange for cakes on a Friday",
              "dod i drefniant gyda chymydog: help gyda'r biniau a'r siopa yn gyfnewid am gacennau ar ddydd Gwener"),
            P("decided, with the family, to move the bed downstairs for the winter",
              "penderfynu, gyda'r teulu, symud y gwely i lawr y grisiau dros y gaeaf"),
            P("bought a perching stool and a grabber, and already feels more confident in the kitchen",
              "prynu stôl uchel a theclyn codi pethau, ac mae'n teimlo'n fwy hyderus yn y gegin yn barod"),
            P("asked a friend from chapel for a lift on Sundays", "gofyn i ffrind o'r capel am lifft ar y Sul"),
        ],
        "children.ownSolution": [
            P("agreed a bedtime routine, with Nan helping on the difficult nights",
              "cytuno ar drefn amser gwely, gyda Nain yn helpu ar y nosweithiau anodd"),
            P("arranged for Nan to do the school run on Wednesdays",
              "trefnu bod Nain yn mynd â'r plant i'r ysgol ar ddydd Mercher", ages: 4...11),
            P("found a local football club where {?he|she} already has friends",
              "dod o hyd i glwb pêl-droed lleol lle mae {?ganddo|ganddi} ffrindiau'n barod", ages: 6...16),
        ],
        "carers.ownSolution": [
            P("worked out a rota with the family so that everyone gets a free evening",
              "llunio rota gyda'r teulu fel bod pawb yn cael noson rydd"),
            P("asked a friend from chapel to sit with {caredForName} on Thursday evenings",
              "gofyn i ffrind o'r capel eistedd gyda {caredForName~a} ar nos Iau"),
            P("talked to work and agreed flexible hours", "siarad â'r gwaith a chytuno ar oriau hyblyg", ages: 18...66),
        ],
        "adults.assessTopic": [
            P("of the stairs and bathroom at home", "o'r grisiau a'r stafell ymolchi gartref"),
            P("of moving and handling, with the occupational therapist", "o symud a thrin, gyda'r therapydd galwedigaethol"),
            P("of how {?he|she} manages {?his|her} medication",
              "o sut mae {?e'n|hi'n} rheoli {?ei feddyginiaeth|ei meddyginiaeth}"),
        ],
        "children.assessTopic": [
            P("of the family's situation, with the health visitor", "o sefyllfa'r teulu, gyda'r ymwelydd iechyd", ages: 0...4),
            P("of {?his|her} needs at school, with the school's ALNCo", "o {?ei anghenion|ei hanghenion} yn yr ysgol, gyda Chydlynydd ADY yr ysgol",
              ages: 4...17),
            P("of how the family is managing", "o sut mae'r teulu'n ymdopi"),
        ],
        "carers.assessTopic": [
            P("of the caring role (a carer's needs assessment)", "o'r rôl ofalu (asesiad o anghenion gofalwr)"),
        ],
    ]

    // MARK: What matters, in the words said

    static let adultsPerson: [DemoPhrase] = [
        P("I want to stay in my own home. I've lived there {howLong}. {homeMemory}",
          "Dw i eisiau aros yn fy nghartref fy hun. Dw i wedi byw yno {howLong}. {homeMemory}", ages: 40...130),
        P("What matters most is being able to {activity} again. That's when I feel like myself.",
          "Y peth pwysicaf i mi yw gallu {activity} eto. Dyna pryd dw i'n teimlo fel fi fy hun."),
        P("I don't want to be a burden on {relative}. I want to {activity} on my own terms.",
          "Dw i ddim eisiau bod yn faich ar {relative}. Dw i eisiau {activity} yn fy ffordd fy hun."),
        P("Feeling safe at night. Since the fall I lie awake listening for every noise.",
          "Teimlo'n ddiogel yn y nos. Ers i mi gwympo dw i'n gorwedd yn effro yn gwrando ar bob sŵn.", ages: 55...130),
        P("Seeing my grandchildren more often. {Relative} lives {away}, and I don't drive any more.",
          "Gweld fy wyrion yn amlach. Mae {relative} yn byw {away}, a dw i ddim yn gyrru bellach.", ages: 60...130),
        P("Getting out into the garden again. I want to grow {plants} like I used to.",
          "Mynd allan i'r ardd eto. Dw i eisiau tyfu {plants} fel ro'n i'n arfer gwneud."),
        P("Keeping my independence. I did my own shopping until {setback}, and I want to get back to that.",
          "Cadw fy annibyniaeth. Ro'n i'n gwneud fy siopa fy hun tan {setback}, a dw i eisiau mynd yn ôl at hynny.", ages: 50...130),
        P("Being a {?dad|mum} to my kids, not kicking off at home, and having a space of my own.",
          "Bod yn {?dad|fam} da i'r plant, peidio colli fy nhymer gartref, a chael lle i fi fy hun.", ages: 20...55),
        P("Getting back to work, even for a few hours. I miss {workThing}.",
          "Mynd yn ôl i'r gwaith, hyd yn oed am ychydig oriau. Dw i'n gweld eisiau {workThing}.", ages: 18...66),
        P("I'd like to go {toCommunity} {weekday} and see my friends there.",
          "Hoffwn i fynd {toCommunity} {weekday} a gweld fy ffrindiau yno."),
        P("Being able to wash and dress myself in the morning, in my own time, without someone rushing me.",
          "Gallu ymolchi a gwisgo fy hun yn y bore, yn fy amser fy hun, heb neb yn fy mrysio."),
        P("I want to get back to chapel and the singing. It's the heart of my week.",
          "Dw i eisiau mynd yn ôl i'r capel a'r canu. Dyna galon fy wythnos.", ages: 50...130),
        P("I want my own flat with my own key, and a job {workplace}.",
          "Dw i eisiau fy fflat fy hun gyda fy allwedd fy hun, a swydd {workplace}.", ages: 18...45),
        P("Not being lonely. Some days I don't speak to a soul until {relative} rings in the evening.",
          "Peidio bod yn unig. Rhai dyddiau dw i ddim yn siarad â neb nes bod {relative} yn ffonio gyda'r nos."),
    ]

    static let adultsFamily: [DemoPhrase] = [
        P("We want {first} to stay at home with us for as long as possible. {?He|She} is happiest in {?his|her} own chair by the window.",
          "Dyn ni eisiau i {first~m} aros gartref gyda ni cyhyd â phosib. Mae {?e|hi} ar ei hapusaf yn {?ei gadair ei hun|ei chadair ei hun} wrth y ffenest."),
        P("{?Dad|Mum} has always been the one who looked after everyone. What matters to {?him|her} now is still being part of the family's Sunday dinner.",
          "{?Dad|Mam} sydd wastad wedi edrych ar ôl pawb. Beth sy'n bwysig {?iddo fe|iddi hi} nawr yw bod yn rhan o ginio dydd Sul y teulu o hyd.",
          ages: 60...130),
        P("{first} has told us {?he|she} wants to keep going {toCommunity}. It's the one place {?he|she} still laughs.",
          "Mae {first} wedi dweud wrthon ni {?ei fod e|ei bod hi} eisiau dal i fynd {toCommunity}. Dyna'r unig le lle mae {?e|hi}'n dal i chwerthin."),
        P("{first} has always been independent. We'd like {?him|her} to be able to get out of the house again, even just to the shop at the end of the road.",
          "Mae {first} wedi bod yn annibynnol erioed. Hoffen ni {?iddo fe|iddi hi} allu mynd allan o'r tŷ eto, hyd yn oed dim ond i'r siop ar ben y ffordd."),
    ]

    static let adultsAdvocate: [DemoPhrase] = [
        P("{first} told me clearly, using {?his|her} picture cards, that {?he|she} wants to choose who comes into {?his|her} home and when.",
          "Dywedodd {first} wrtha i'n glir, {?gyda'i gardiau lluniau|gyda'i chardiau lluniau}, {?ei fod e|ei bod hi} eisiau dewis pwy sy'n dod {?i'w gartref|i'w chartref} a phryd."),
        P("Speaking for {first}: {?he|she} wants to stay living with {?his|her} friends at the house, not to be moved somewhere new.",
          "Ar ran {first}: mae {?e|hi} eisiau dal i fyw gyda'i ffrindiau yn y tŷ, a pheidio â chael {?ei symud|ei symud} i rywle newydd."),
    ]

    static let practitionerReported: [DemoPhrase] = [
        P("{first} has said several times that {?he|she} wants to {theirActivity}.",
          "Mae {first} wedi dweud sawl gwaith {?ei fod e|ei bod hi} eisiau {theirActivity}."),
        P("In {?his|her} own words, the most important thing is being able to {theirActivity} again.",
          "Yn {?ei eiriau ei hun|ei geiriau ei hun}, y peth pwysicaf yw gallu {theirActivity} eto."),
    ]

    static let childrenPractitionerReported: [DemoPhrase] = [
        P("{first} tells me {?he|she} wants to be listened to before decisions are made.",
          "Mae {first} yn dweud wrtha i {?ei fod e|ei bod hi} eisiau cael {?ei glywed|ei chlywed} cyn i benderfyniadau gael eu gwneud.",
          ages: 5...17),
        P("{first} showed me, with the feelings cards, that {?he|she} is happiest at {?his|her} nan's and wants to see her more.",
          "Dangosodd {first} i mi, gyda'r cardiau teimladau, {?ei fod e|ei bod hi} ar ei hapusaf yn nhŷ Nain, ac eisiau ei gweld hi'n amlach.",
          ages: 3...12),
    ]

    static let childrenChild: [DemoPhrase] = [
        P("I want to stay living with {carerPerson}. I feel safe there.",
          "Dw i eisiau aros yn byw gyda {carerPerson}. Dw i'n teimlo'n saff yno."),
        P("Playing {childActivity} with my friends. It's the best part of the week.",
          "Chwarae {childActivity} gyda fy ffrindiau. Dyna ran orau'r wythnos."),
        P("I don't like it when there's shouting at home. I want it to be calm so I can sleep.",
          "Dw i ddim yn hoffi pan mae pobl yn gweiddi yn y tŷ. Dw i eisiau iddi fod yn dawel er mwyn i mi gysgu."),
        P("I want my own bedroom where my little brother can't touch my things.",
          "Dw i eisiau stafell wely i fi fy hun, lle na all fy mrawd bach gyffwrdd â fy mhethau."),
        P("Seeing my dad every week, not just when they say so.",
          "Gweld fy nhad bob wythnos, nid dim ond pan maen nhw'n dweud."),
        P("Staying at {school} with my friends. I don't want to move school again.",
          "Aros yn {school} gyda fy ffrindiau. Dw i ddim eisiau symud ysgol eto."),
        P("I want people to ask me before they decide things about me.",
          "Dw i eisiau i bobl ofyn i fi cyn penderfynu pethau amdana i.", ages: 8...17),
        P("Passing my GCSEs and going to college to study {course}.",
          "Llwyddo yn fy arholiadau TGAU a mynd i'r coleg i astudio {course}.", ages: 14...17),
        P("Being allowed to go into town with my friends like everyone else.",
          "Cael mynd i'r dref gyda fy ffrindiau fel pawb arall.", ages: 11...17),
    ]

    static let childrenParent: [DemoPhrase] = [
        P("We want {first} to settle at nursery and make friends. {?He's such a happy little boy|She's such a happy little girl} at home.",
          "Dyn ni eisiau i {first~m} setlo yn y feithrinfa a gwneud ffrindiau. Mae {?e'n fachgen bach|hi'n ferch fach} mor hapus gartref.",
          ages: 1...5),
        P("I just want us to stay together as a family. I know I need to get things right for the kids.",
          "Dw i jyst eisiau i ni aros gyda'n gilydd fel teulu. Dw i'n gwybod bod rhaid i mi gael pethau'n iawn i'r plant."),
        P("For {first} to be able to tell us what {?he|she} wants. {?He|She} gets so frustrated when we can't understand.",
          "Bod {first} yn gallu dweud wrthon ni beth {?mae e|mae hi} eisiau. Mae {?e'n|hi'n} mynd mor rhwystredig pan nad ydyn ni'n deall.",
          ages: 2...12),
        P("A full night's sleep, and {first} going off to school happy in the morning.",
          "Noson lawn o gwsg, ac i {first~m} fynd i'r ysgol yn hapus yn y bore.", ages: 4...12),
        P("We want {first} to have friends over like other children do, and for people to see {?him|her}, not a diagnosis.",
          "Dyn ni eisiau i {first~m} gael ffrindiau draw fel plant eraill, ac i bobl {?ei weld e|ei gweld hi}, nid y diagnosis.",
          ages: 3...17),
        P("For the baby to be safe and thriving, and for me to have someone to talk to when it gets too much.",
          "Bod y babi'n saff ac yn ffynnu, a bod gen i rywun i siarad â nhw pan mae'n mynd yn ormod.", ages: 0...1),
    ]

    static let childrenAdvocate: [DemoPhrase] = [
        P("{first} asked me to say that {?he|she} wants to be at every meeting about {?him|her}, and to have {?his|her} say first.",
          "Gofynnodd {first} i mi ddweud {?ei fod e|ei bod hi} eisiau bod ym mhob cyfarfod {?amdano fe|amdani hi}, a chael dweud {?ei ddweud|ei dweud} yn gyntaf.",
          ages: 8...17),
    ]

    static let carersPerson: [DemoPhrase] = [
        P("I love {caredFor} to bits, but I need one evening a week that's just mine.",
          "Dw i'n caru {caredFor} yn fawr, ond dw i angen un noson yr wythnos i fi fy hun."),
        P("Keeping my job. Work is the one thing that's just for me, and we need the money.",
          "Cadw fy swydd. Gwaith yw'r unig beth sydd i fi yn unig, ac mae angen yr arian arnon ni.", ages: 18...66),
        P("Knowing someone will step in if I'm taken ill. That's what keeps me awake.",
          "Gwybod y bydd rhywun yn camu i mewn os bydda i'n mynd yn sâl. Dyna sy'n fy nghadw i'n effro."),
        P("A full night's sleep. {CaredFor} is up three or four times a night.",
          "Noson lawn o gwsg. Mae {caredFor} yn codi dair neu bedair gwaith y nos."),
        P("Being able to {activity} again. I haven't managed it since {caredFor} got ill.",
          "Gallu {activity} eto. Dw i ddim wedi llwyddo ers i {caredFor} fynd yn sâl."),
        P("Feeling like a {?husband|wife} again, and not only a carer.",
          "Teimlo fel {?gŵr|gwraig} eto, nid dim ond {?gofalwr|gofalwraig}.", ages: 25...130),
        P("Some time to myself: a walk on the beach, a coffee with a friend, without worrying.",
          "Ychydig o amser i fi fy hun: tro ar y traeth, paned gyda ffrind, heb boeni."),
        P("Help that turns up when it says it will, so I can plan my day.",
          "Help sy'n cyrraedd pan mae'n dweud y bydd, er mwyn i mi allu cynllunio fy niwrnod."),
    ]

    // MARK: Reviews, safeguarding and crises

    static func reviewOpening(service: Service, whose: Whose) -> [DemoPhrase] {
        switch (service, whose) {
        case (.children, .child):
            return [P("It's better at home now, and I've been going to school every day.",
                      "Mae'n well gartref nawr, a dw i wedi bod yn mynd i'r ysgol bob dydd."),
                    P("I liked the last meeting because they listened to me.",
                      "Roedd y cyfarfod diwethaf yn well achos wnaethon nhw wrando arna i.")]
        case (.children, _):
            return [P("We've had a better few months. The bedtime routine is really helping.",
                      "Dyn ni wedi cael ychydig o fisoedd gwell. Mae'r drefn amser gwely yn help mawr."),
                    P("Things are calmer at home. We've been using what we agreed at the last meeting.",
                      "Mae pethau'n dawelach gartref. Dyn ni wedi bod yn defnyddio beth gytunon ni yn y cyfarfod diwethaf.")]
        case (_, .person):
            return [P("Things are better since we last met: I've {progress}.",
                      "Mae pethau'n well ers i ni gwrdd ddiwethaf: dw i wedi {progress}.")]
        default:
            return []
        }
    }

    static func safeguarding(service: Service, whose: Whose) -> [DemoPhrase] {
        switch (service, whose) {
        case (.adults, .person):
            return [P("I want the visits from that man to stop, and I want to keep my money safe. It's my money.",
                      "Dw i eisiau i'r ymweliadau gan y dyn yna stopio, a dw i eisiau cadw fy arian yn saff. Fy arian i yw e."),
                    P("I don't want to leave my home, but I want to feel safe in it.",
                      "Dw i ddim eisiau gadael fy nghartref, ond dw i eisiau teimlo'n saff ynddo fe.")]
        case (.children, .child):
            return [P("I want to stay at my nan's until things are safe at home. I still want to see my mum.",
                      "Dw i eisiau aros yn nhŷ Nain nes bod pethau'n saff gartref. Dw i dal eisiau gweld Mam."),
                    P("I want the shouting to stop. I want to be able to bring my friends home.",
                      "Dw i eisiau i'r gweiddi stopio. Dw i eisiau gallu dod â fy ffrindiau adref.")]
        case (.children, .parent):
            return [P("I'll do whatever it takes to keep the children with me. They're everything to me.",
                      "Gwna i beth bynnag sydd ei angen i gadw'r plant gyda fi. Nhw yw popeth i mi.")]
        case (.carers, .person):
            return [P("I'm at the end of my tether and I'm frightened of what I might say. I want us both to be safe.",
                      "Dw i ar ben fy nhennyn a dw i'n ofni beth allwn i ei ddweud. Dw i eisiau i'r ddau ohonon ni fod yn saff.")]
        default:
            return []
        }
    }

    static func crisis(service: Service, whose: Whose) -> [DemoPhrase] {
        switch (service, whose) {
        case (.adults, .person):
            return [P("Tonight I just need to get through. Tomorrow I want to talk about what would help me keep going.",
                      "Heno dw i jyst angen dod drwyddi. Yfory dw i eisiau siarad am beth fyddai'n fy helpu i ddal ati."),
                    P("{Relative} is in hospital and there's no one at home. I want to sleep in my own bed tonight, not go into a home.",
                      "Mae {relative} yn yr ysbyty a does neb gartref. Dw i eisiau cysgu yn fy ngwely fy hun heno, nid mynd i gartref gofal.")]
        case (.carers, .person):
            return [P("{CaredFor} has gone into hospital and I don't know what happens now. I need someone to tell me straight.",
                      "Mae {caredFor} wedi mynd i'r ysbyty a dw i ddim yn gwybod beth sy'n digwydd nesaf. Dw i angen i rywun ddweud wrtha i'n syth.")]
        case (.children, .child):
            return [P("I don't want to go back there tonight. Can I stay {house}?",
                      "Dw i ddim eisiau mynd yn ôl yno heno. Ga i aros {house}?")]
        case (.children, .parent):
            return [P("Please don't take them tonight. Tell me what I need to do and I'll do it.",
                      "Plîs peidiwch â mynd â nhw heno. Dwedwch wrtha i beth sydd angen i mi ei wneud, a gwna i fe.")]
        default:
            return []
        }
    }

    // MARK: Practitioners' notes

    static func opening(kind: ConversationKind, service: Service, age: Int) -> [DemoPhrase] {
        switch kind {
        case .whatMatters:
            if service == .children {
                if age < 2 {
                    return [P("Visited {first} and the family at home; {first} slept in the pram for most of the visit.",
                              "Ymwelais i â'r teulu gartref; roedd {first} yn cysgu yn y pram am y rhan fwyaf o'r ymweliad.")]
                }
                if age < 5 {
                    return [P("Visited {first} and the family at home; {first} played with the farm animals while we talked.",
                              "Ymwelais i {â:first} a'r teulu gartref; roedd {first} yn chwarae gyda'r anifeiliaid fferm tra oedden ni'n siarad.")]
                }
                return [P("Saw {first} at school and then at home with the family.",
                          "Gwelais i {first~m} yn yr ysgol, ac wedyn gartref gyda'r teulu."),
                        P("Met {first} at the family centre; {?he|she} chose to draw while we talked.",
                          "Cwrddais i {â:first} yn y ganolfan deulu; dewisodd {?e|hi} dynnu lluniau wrth i ni siarad."),
                        P("Walked to the park with {first}, who finds it easier to talk side by side.",
                          "Cerddais i i'r parc {gyda:first}, sy'n ei chael hi'n haws siarad ochr yn ochr.")]
            }
            return [P("Met {first} at home. We talked over a cup of tea about what makes a good day.",
                      "Cwrddais i {â:first} gartref. Buon ni'n siarad dros baned am beth sy'n gwneud diwrnod da."),
                    P("{first} rang the front door team and asked for a chat, so I visited the next day.",
                      "Ffoniodd {first} y tîm drws ffrynt a gofyn am sgwrs, felly es i draw y diwrnod wedyn."),
                    P("Spoke with {first} {venue}, where {?he|she} felt most at ease.",
                      "Siaradais i {â:first} {venue}, lle roedd {?e'n|hi'n} teimlo fwyaf cartrefol."),
                    P("Conversation with {first} after the GP suggested getting in touch.",
                      "Sgwrs {gyda:first} ar ôl i'r meddyg teulu awgrymu cysylltu â ni.")]
        case .review:
            return [P("Review with {first}, {months} after the plan was agreed.",
                      "Adolygiad {gyda:first}, {months} ar ôl cytuno ar y cynllun.")]
        case .safeguarding:
            return [P("Visited {first} the same day, {referral}.",
                      "Ymwelais i {â:first} ar yr un diwrnod, {referral}.")]
        case .multiAgency:
            if service == .children && age < 8 {
                return [P("Multi-agency meeting {venueMeeting}, with the family there from the start and speaking first.",
                          "Cyfarfod amlasiantaeth {venueMeeting}, gyda'r teulu yno o'r dechrau ac yn siarad yn gyntaf.")]
            }
            return [P("Multi-agency meeting {venueMeeting}, with {first} there from the start and speaking first.",
                      "Cyfarfod amlasiantaeth {venueMeeting}, {gyda:first} yno o'r dechrau ac yn siarad yn gyntaf.")]
        case .crisis:
            return [P("Out-of-hours call: {first} was {crisisState}.",
                      "Galwad y tu allan i oriau: roedd {first} {crisisState}.")]
        case .other:
            return [P("Phone call with {first} to see how things are.",
                      "Galwad ffôn {gyda:first} i weld sut mae pethau."),
                    P("{first} dropped in to the office to talk something through.",
                      "Galwodd {first} heibio'r swyddfa i drafod rhywbeth.", ages: 12...130)]
        }
    }

    static func kindDetail(kind: ConversationKind, service: Service) -> [DemoPhrase] {
        switch (kind, service) {
        case (.safeguarding, .adults):
            return [P("The district nurse is worried about missed visits and pressure sores; {first} would rather manage with the family's help, and wants a say in who comes and when.",
                      "Mae'r nyrs ardal yn poeni am ymweliadau sy'n cael eu colli a briwiau pwyso; byddai'n well gan {first} ymdopi gyda help y teulu, ac mae {?e|hi} eisiau cael dweud pwy sy'n dod a phryd.",
                      ages: 60...130),
                    P("Professionals are worried about money going missing from the account. {first} wants to stay in control of {?his|her} own money and has agreed changes with the bank.",
                      "Mae'r gweithwyr proffesiynol yn poeni bod arian yn diflannu o'r cyfrif. Mae {first} eisiau cadw rheolaeth ar {?ei arian ei hun|ei harian ei hun} ac wedi cytuno i newidiadau gyda'r banc.")]
        case (.safeguarding, .children):
            return [P("The police are worried about who {first} spends time with after school; {first} says they are friends and wants to keep seeing them.",
                      "Mae'r heddlu'n poeni am bwy mae {first} yn treulio amser gyda nhw ar ôl ysgol; mae {first} yn dweud mai ffrindiau ydyn nhw, ac eisiau dal i'w gweld nhw.",
                      ages: 12...17),
                    P("School are worried about bruising; {first}'s family say things are better at home since Dad moved out.",
                      "Mae'r ysgol yn poeni am gleisiau; mae teulu {first} yn dweud bod pethau'n well gartref ers i Dad symud allan.")]
        case (.safeguarding, .carers):
            return [P("{first} is exhausted and frightened of losing {?his|her} temper; we talked openly about keeping everyone safe, and {first} welcomed it.",
                      "Mae {first} wedi blino'n lân ac yn ofni colli {?ei dymer|ei thymer}; buon ni'n siarad yn agored am gadw pawb yn saff, ac roedd {first} yn croesawu hynny.")]
        case (.multiAgency, _):
            return [P("Around the table: {agencies}. We began with what matters to {first}.",
                      "O gwmpas y bwrdd: {agencies}. Dechreuon ni gyda beth sy'n bwysig i {first~m}.")]
        case (.crisis, _):
            return [P("Stayed until {?he|she} felt calmer and the family had arrived.",
                      "Arhosais i nes {?ei fod e|ei bod hi}'n teimlo'n dawelach a bod y teulu wedi cyrraedd.")]
        case (.review, _):
            return [P("{first} scored {?his|her} progress at {score} out of 10, up from {baseline} at the start.",
                      "Sgoriodd {first} {?ei gynnydd|ei chynnydd} yn {score} allan o 10, i fyny o {baseline} ar y dechrau.", ages: 8...130),
                    P("The family scored progress at {score} out of 10, up from {baseline} at the start.",
                      "Sgoriodd y teulu'r cynnydd yn {score} allan o 10, i fyny o {baseline} ar y dechrau.", ages: 0...7)]
        default:
            return []
        }
    }

    static func next(_ next: WhatHappenedNext, family: Bool) -> [DemoPhrase] {
        switch next {
        case .informationOrAdvice:
            return family
                ? [P("Shared information about {infoTopic}; the family will decide what to do next.",
                     "Rhannais i wybodaeth am {infoTopic}; y teulu fydd yn penderfynu beth i'w wneud nesaf."),
                   P("Gave advice about {infoTopic}; the family will get back in touch if they need to.",
                     "Rhoddais i gyngor am {infoTopic}; y teulu fydd yn cysylltu eto os bydd angen.")]
                : [P("Shared information about {infoTopic}; {first} will decide what to do next.",
                     "Rhannais i wybodaeth am {infoTopic}; {first} fydd yn penderfynu beth i'w wneud nesaf."),
                   P("Gave advice about {infoTopic}; {first} will get back in touch if needed.",
                     "Rhoddais i gyngor am {infoTopic}; {first} fydd yn cysylltu eto os bydd angen.")]
        case .communityResources:
            return family
                ? [P("Introduced the family {toGroup}; they plan to go along {weekday}.",
                     "Cyflwynais i'r teulu {toGroup}; maen nhw'n bwriadu mynd yno {weekday}.")]
                : [P("Introduced {first} {toGroup}; {?he|she} plans to go along {weekday}.",
                     "Cyflwynais i {first~m} {toGroup}; mae {?e'n|hi'n} bwriadu mynd yno {weekday}.")]
        case .ownSolution:
            return family
                ? [P("The family have {ownSolution}.", "Mae'r teulu wedi {ownSolution}.")]
                : [P("{first} has {ownSolution}.", "Mae {first} wedi {ownSolution}.")]
        case .noFurtherAction:
            return family
                ? [P("The family are managing well with their own network; no further action for now, and they know how to get back in touch.",
                     "Mae'r teulu'n ymdopi'n dda gyda'u rhwydwaith eu hunain; dim camau pellach am y tro, ac maen nhw'n gwybod sut i gysylltu eto."),
                   P("We agreed together that nothing more is needed from us at the moment.",
                     "Cytunon ni gyda'n gilydd nad oes angen dim mwy gennym ni ar hyn o bryd.")]
                : [P("{first} is managing well with {?his|her} own network; no further action for now, and {?he|she} knows how to get back in touch.",
                     "Mae {first} yn ymdopi'n dda {?gyda'i rwydwaith ei hun|gyda'i rhwydwaith ei hun}; dim camau pellach am y tro, ac mae {?e'n|hi'n} gwybod sut i gysylltu eto."),
                   P("We agreed together that nothing more is needed from us at the moment.",
                     "Cytunon ni gyda'n gilydd nad oes angen dim mwy gennym ni ar hyn o bryd.")]
        case .planAgreed:
            return family
                ? [P("We agreed a plan with {first}'s parents, in their words, with actions for the family, their network and us.",
                     "Cytunon ni ar gynllun gyda rhieni {first}, yn eu geiriau nhw, gyda chamau i'r teulu, i'w rhwydwaith ac i ni.")]
                : [P("We agreed a plan together in {first}'s own words, with actions for {first}, the family and the community as well as for us.",
                     "Cytunon ni ar gynllun gyda'n gilydd yng ngeiriau {first} ei hun, gyda chamau i {first~m}, i'r teulu ac i'r gymuned yn ogystal ag i ni."),
                   P("Plan agreed; baseline scores recorded jointly with {first}.",
                     "Cytunwyd ar y cynllun; cofnodwyd sgorau sylfaenol ar y cyd {gyda:first}.")]
        case .assessmentNeeded:
            return family
                ? [P("The family agreed that a fuller assessment {assessTopic} would help; referral made today.",
                     "Cytunodd y teulu y byddai asesiad llawnach {assessTopic} yn helpu; gwnaed atgyfeiriad heddiw.")]
                : [P("{first} agreed that a fuller assessment {assessTopic} would help; referral made today.",
                     "Cytunodd {first} y byddai asesiad llawnach {assessTopic} yn helpu; gwnaed atgyfeiriad heddiw.")]
        }
    }

    // MARK: Communication needs (recorded in the person's language)

    static let communicationNeeds: [DemoPhrase] = [
        P("Hard of hearing: face {?him|her} when speaking, and use the hearing loop.",
          "Trwm {?ei glyw|ei chlyw}: edrychwch {?arno fe|arni hi} wrth siarad, a defnyddiwch y ddolen sain.", ages: 50...130),
        P("Uses British Sign Language; book a BSL interpreter for every visit.",
          "Yn defnyddio Iaith Arwyddion Prydain; trefnwch gyfieithydd BSL ar gyfer pob ymweliad.", ages: 5...130),
        P("Prefers short sentences and Easy Read letters.",
          "Mae'n well {?ganddo|ganddi} frawddegau byr a llythyrau Hawdd eu Deall.", ages: 10...130),
        P("Partially sighted: large print (18 point), and a phone call before letters arrive.",
          "Golwg rhannol: print bras (18 pwynt), a galwad ffôn cyn i lythyrau gyrraedd.", ages: 18...130),
        P("Aphasia after a stroke: allow time, use the picture board, check understanding.",
          "Affasia ar ôl strôc: rhowch amser, defnyddiwch y bwrdd lluniau, a gwiriwch ddealltwriaeth.", ages: 40...130),
        P("Autistic: send questions in writing before visits; a quiet room helps.",
          "Awtistig: anfonwch gwestiynau yn ysgrifenedig cyn ymweliadau; mae stafell dawel yn help.", ages: 8...130),
        P("Uses Makaton signs alongside speech.",
          "Yn defnyddio arwyddion Makaton ochr yn ochr â lleferydd.", ages: 3...60),
        P("Dementia: best in the mornings; short visits with a familiar face.",
          "Dementia: ar {?ei orau|ei gorau} yn y bore; ymweliadau byr gydag wyneb cyfarwydd.", ages: 60...130),
        P("Non-verbal; communicates with PECS and by leading you to things.",
          "Dim iaith lafar; yn cyfathrebu gyda PECS a thrwy arwain rhywun at bethau.", ages: 3...25),
        P("Speech and language delay; give time and use pictures.",
          "Oedi lleferydd ac iaith; rhowch amser a defnyddiwch luniau.", ages: 2...10),
    ]

    static let welshAtEase: DemoPhrase = P(
        "More at ease in Welsh, especially when tired or unwell.",
        "Yn fwy cartrefol yn Gymraeg, yn enwedig pan {?mae e|mae hi}'n flinedig neu'n sâl.")
}
