import OknoDomain

/// Cumulative weights for drawing an index.
struct WeightedChoice {
    private let cumulative: [Double]

    init(_ weights: [Double]) {
        var sum = 0.0
        cumulative = weights.map {
            sum += $0
            return sum
        }
    }

    func draw(_ random: inout SeededRandom) -> Int {
        let target = random.unit() * (cumulative.last ?? 0)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// Russian words and weights that make synthetic messages look like the real flow.
enum SynthVocabulary {
    /// Relative volume of messages per region code (roughly population); others weigh 1.
    static let regionWeights: [String: Double] = [
        "77": 13, "50": 8.5, "78": 5.6, "23": 5.8, "66": 4.3, "02": 4.0, "16": 4.0, "61": 4.2, "52": 3.2,
        "54": 2.8, "24": 2.9, "74": 3.4, "63": 3.2, "59": 2.6, "38": 2.4, "25": 1.9, "05": 3.2, "26": 2.8,
        "34": 2.5, "36": 2.3, "64": 2.4, "42": 2.6, "55": 1.9, "41": 0.3, "87": 0.05, "49": 0.14, "39": 1.0,
    ]

    /// Relative volume per topic; others weigh 1.
    static let topicWeights: [String: Double] = [
        "FIRE_SAFETY_VIOLATION": 9, "BLOCKED_EXITS": 4, "GRASS_BURNING": 5, "FIRE_WATER_SUPPLY": 2,
        "PUBLIC_WARNING": 2, "EMERGENCY_AFTERMATH": 3, "RESCUE_UNITS_WORK": 3, "INSPECTIONS": 4, "GRATITUDE": 2.5,
        "FIRE_SAFETY_REGULATION": 3, "SNOW_ICE_REMOVAL": 2.5, "HOUSING_UTILITIES": 3, "ROADS": 1.5,
    ]

    /// Topics whose volume follows the seasons: month (1...12) → factor.
    static func seasonalFactor(topic: String, month: Int) -> Double {
        switch topic {
        case "GRASS_BURNING": [0.1, 0.2, 1.5, 4.0, 3.5, 1.2, 0.8, 0.8, 1.0, 1.5, 0.5, 0.1][month - 1]
        case "SNOW_ICE_REMOVAL": [3.5, 3.0, 1.5, 0.3, 0, 0, 0, 0, 0, 0.2, 1.5, 3.0][month - 1]
        case "WATER_SAFETY": [0.5, 0.3, 0.5, 1.0, 1.5, 2.5, 3.0, 2.5, 1.0, 0.6, 0.6, 0.8][month - 1]
        default: 1
        }
    }

    /// Channels in `Channel` order: portal, mobile, social, edms, open311.
    static let channelWeights: [Double] = [58, 22, 8, 9, 3]

    static let surnames = [
        "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
        "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
        "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв",
    ]
    static let maleNames = [
        "Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Иван", "Михаил", "Николай",
    ]
    static let femaleNames = ["Елена", "Ольга", "Наталья", "Татьяна", "Анна", "Мария", "Ирина", "Светлана", "Юлия"]
    static let patronymicStems = [
        "Александров", "Сергеев", "Иванов", "Петров", "Николаев", "Андреев", "Викторов", "Юрьев",
    ]
    static let organizations = [
        "ООО «Север»", "АО «Энергия»", "ООО «Ромашка»", "ТСЖ «Берёзка»", "ООО «УК Комфорт»", "МКОУ СОШ",
    ]
    static let streets = [
        "ул. Ленина", "ул. Советская", "ул. Мира", "ул. Садовая", "пр-т Победы", "ул. Гагарина", "ул. Лесная",
        "ул. Школьная", "пер. Почтовый", "ул. Набережная",
    ]

    /// Opening phrases per topic; the text adds an address and a request.
    static func textStart(topic: String) -> String {
        switch topic {
        case "FIRE_SAFETY_VIOLATION": "В подвале дома хранятся горючие материалы, проход захламлён"
        case "BLOCKED_EXITS": "Запасной выход в торговом центре закрыт на замок, проезд для пожарных машин заставлен"
        case "GRASS_BURNING": "Жители жгут сухую траву рядом с жилыми домами, дым заходит в окна"
        case "FIRE_WATER_SUPPLY": "Пожарный гидрант во дворе не работает и засыпан мусором"
        case "WATER_SAFETY": "На водоёме нет спасательного поста, купаются дети"
        case "CIVIL_DEFENSE_SHELTERS": "Убежище гражданской обороны в нашем доме закрыто и затоплено"
        case "PUBLIC_WARNING": "Сирена оповещения не была слышна во время проверки"
        case "EMERGENCY_AFTERMATH": "После паводка дом остаётся подтопленным, просим помощи"
        case "RESCUE_UNITS_WORK": "Пожарный расчёт приехал через сорок минут после вызова"
        case "INSPECTIONS": "Прошу провести проверку соблюдения требований пожарной безопасности в школе"
        case "GRATITUDE": "Благодарю сотрудников пожарной части за спасение нашего дома"
        case "SNOW_ICE_REMOVAL": "С крыши дома свисают сосульки, тротуар не чистят"
        case "HOUSING_UTILITIES": "Управляющая компания не ремонтирует электропроводку в подъезде"
        case "ROADS": "На дороге к посёлку провал асфальта, скорая не может проехать"
        case "PUBLIC_ORDER": "Во дворе по ночам собираются шумные компании"
        case "MEDICAL_CARE": "В поликлинике нет записи к врачу на месяц вперёд"
        case "CONSUMER_RIGHTS": "Магазин продаёт просроченные продукты"
        default: "Прошу разъяснить порядок"
        }
    }

    /// A 10-digit organisation INN with a correct check digit.
    static func organizationINN(_ random: inout SeededRandom) -> String {
        var digits = (0..<9).map { _ in random.below(10) }
        digits[0] = 1 + random.below(9)
        let weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
        digits.append(zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11 % 10)
        return digits.map(String.init).joined()
    }
}
