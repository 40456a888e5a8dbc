import OknoJSON

/// Request bodies for `POST /api/v1/messages`.
enum Fixtures {
    /// A valid citizen's message about grass burning in Moscow (territorial, expedited).
    static func message(
        topic: String = "GRASS_BURNING", region: String = "77", text: String = "Горит сухая трава у дома 5."
    ) -> JSONValue {
        [
            "topic": .string(topic), "region": .string(region), "text": .string(text),
            "applicant": [
                "kind": "citizen", "name": "Иванов Иван Иванович", "email": "ivanov@example.ru",
                "phone": "+79001234567",
            ],
            "address": "Москва, ул. Тверская, 5", "location": ["lat": 55.75, "lon": 37.62],
            "channel": "portal", "source_url": nil, "registered_at": nil,
        ]
    }
}

extension JSONValue {
    /// A copy with the member at a dotted `path` set to `value`, or removed when `value` is nil.
    func setting(_ path: String, to value: JSONValue?) -> JSONValue {
        setting(path.split(separator: ".").map(String.init)[...], to: value)
    }

    private func setting(_ path: ArraySlice<String>, to value: JSONValue?) -> JSONValue {
        guard let key = path.first, let object = objectValue else { return self }
        var members = object.members
        let index = members.firstIndex { $0.key == key }
        if path.count == 1 {
            switch (index, value) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append((key, value))
            case (nil, nil): break
            }
        } else {
            let child = index.map { members[$0].value } ?? .object(JSONObject([]))
            let updated = child.setting(path.dropFirst(), to: value)
            if let index { members[index].value = updated } else { members.append((key, updated)) }
        }
        return .object(JSONObject(members))
    }
}
