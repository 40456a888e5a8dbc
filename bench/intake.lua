-- wrk script for bench/intake.sh: POST /api/v1/messages with varied, valid messages (topics,
-- regions, channels, texts, applicants cycle independently; POOL distinct ones per thread, sent in
-- turn), no Idempotency-Key unless IDEMPOTENCY_KEYS=1 (then a random one per request), so every
-- request registers a new message.
-- Counts the answers by status and prints them at the end ("status 201: N"), so the script can
-- compare the 201s with the rows in the database.

local topics = {
  "FIRE_SAFETY_VIOLATION", "BLOCKED_EXITS", "GRASS_BURNING", "FIRE_WATER_SUPPLY", "WATER_SAFETY",
  "CIVIL_DEFENSE_SHELTERS", "PUBLIC_WARNING", "EMERGENCY_AFTERMATH", "RESCUE_UNITS_WORK", "INSPECTIONS",
  "GRATITUDE", "FIRE_SAFETY_REGULATION", "LICENSING", "SERVICE_EMPLOYMENT", "PENSIONS_PAYMENTS",
  "CIVIL_DEFENSE_POLICY", "DIGITAL_SERVICES", "MEDIA_PUBLICATIONS", "LEGAL_QUESTIONS", "SNOW_ICE_REMOVAL",
  "HOUSING_UTILITIES", "ROADS", "PUBLIC_ORDER", "MEDICAL_CARE", "CONSUMER_RIGHTS",
}
local regions = { "77", "50", "78", "16", "66", "23", "54", "02", "63", "24", "25", "38", "61", "74", "01", "95", "91" }
local texts = {
  "Возле дома горит сухая трава, дым идёт в окна.",
  "В подъезде жилого дома загромождены эвакуационные выходы: на лестничной площадке третьего этажа "
    .. "хранятся старая мебель и коробки, дверь на чердак заперта на навесной замок. Прошу провести проверку.",
  "Благодарю пожарный расчёт за быструю и профессиональную работу при тушении пожара в нашем доме.",
  "На территории садового товарищества не работает пожарный гидрант, весной уже было два возгорания, "
    .. "подъезд для пожарной техники перекрыт шлагбаумом, ключей у председателя нет. Жители обеспокоены "
    .. "и просят принять меры до начала пожароопасного сезона. Ранее обращались в администрацию района, ответа нет.",
  "Fire alarm in the shopping centre is switched off during opening hours.",
  "Прошу разъяснить порядок получения лицензии на монтаж и обслуживание средств обеспечения пожарной "
    .. "безопасности зданий и сооружений.",
}
local names = { "Иванов Иван Иванович", "Петрова Анна Сергеевна", "Сидоров П. К.", "Ким Александр", "ООО «Ромашка»" }
local channels = { "portal", "mobile", "portal", "social", "portal", "mobile", "edms" }

local function quote(s) return '"' .. s .. '"' end

counter = 0
c201, cother = 0, 0


function setup(thread)
  threads = threads or {}
  table.insert(threads, thread)
  thread:set("id", #threads)
end

-- IDEMPOTENCY_KEYS=1 in the environment: every request carries a random Idempotency-Key, as the
-- portal widget sends one per message (still a new message each time).
local keyed = os.getenv("IDEMPOTENCY_KEYS") == "1"

-- The bodies are built once, in init: POOL per thread (default 32768), then sent in turn. Building
-- a body per request cost wrk a third of its CPU time, which it shares with the server.
local pool_size = math.max(1, tonumber(os.getenv("POOL") or "32768"))
local bodies = {}
local next_body = 0
local plain = { ["Content-Type"] = "application/json" }

function init(args)
  counter = (id or 0) * 1000003
  math.randomseed(os.time() * 7919 + (id or 0))
  prepared = {}
  for i = 1, pool_size do
    counter = counter + 1
    if keyed then
      bodies[i] = message_body(counter)
    else
      prepared[i] = wrk.format("POST", nil, plain, message_body(counter))
    end
  end
end

function message_body(n)
  local channel = channels[n % #channels + 1]
  local name = names[n % #names + 1]
  local applicant
  if n % 5 == 4 then
    applicant = '{"kind":"organization","name":' .. quote(name) .. ',"inn":"7707083893","email":"office'
      .. n .. '@example.ru"}'
  elseif n % 3 == 0 then
    applicant = '{"kind":"citizen","name":' .. quote(name) .. ',"phone":"+7900' .. string.format("%07d", n % 10000000) .. '"}'
  else
    applicant = '{"kind":"citizen","name":' .. quote(name) .. ',"email":"user' .. n .. '@example.ru","phone":"+79001234567"}'
  end
  local parts = {
    '{"topic":', quote(topics[n % #topics + 1]),
    ',"region":', quote(regions[n % #regions + 1]),
    ',"text":', quote(texts[n % #texts + 1] .. " #" .. n),
    ',"applicant":', applicant,
    ',"channel":', quote(channel),
  }
  if channel == "social" then parts[#parts + 1] = ',"source_url":"https://vk.com/wall-1_' .. n .. '"' end
  if n % 2 == 0 then parts[#parts + 1] = ',"address":"г. Москва, ул. Тверская, д. ' .. (n % 200) .. '"' end
  if n % 4 == 1 then parts[#parts + 1] = ',"location":{"lat":55.75,"lon":37.62}' end
  parts[#parts + 1] = "}"
  return table.concat(parts)
end

function request()
  next_body = next_body % pool_size + 1
  if not keyed then return prepared[next_body] end
  counter = counter + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("%08x-%08x-%08x", math.random(0, 2147483646), math.random(0, 2147483646),
      counter),
  }
  return wrk.format("POST", nil, headers, bodies[next_body])
end

function response(status, headers, body)
  if status == 201 then
    c201 = c201 + 1
  else
    cother = cother + 1
    if cother <= 3 then io.stderr:write("unexpected ", status, ": ", body, "\n") end
  end
end

function done(summary, latency, requests)
  local created, other = 0, 0
  for _, thread in ipairs(threads) do
    created = created + thread:get("c201")
    other = other + thread:get("cother")
  end
  io.write(string.format("status 201: %d\nstatus other: %d\n", created, other))
end
