package benchsite

// Word lists and reference data for the synthetic site. All of it is fixed
// data: changing any list changes the generated site.

// kind is one of the default kinds, with the colour written to timeline.yaml
// and the relative weight with which articles get it.
type kind struct {
	name, label, color string
	weight             int
}

var kinds = []kind{
	{"diplomatic", "Diplomatic", "#1d4ed8", 25},
	{"military", "Military", "#b91c1c", 35},
	{"political", "Political", "#7e22ce", 15},
	{"humanitarian", "Humanitarian", "#047857", 15},
	{"economic", "Economic", "#b45309", 10},
}

// actor is a party to events; key is the ASCII form used in slugs.
type actor struct{ name, key string }

var actors = []actor{
	{"Ukraine", ""},
	{"Russia", ""},
	{"United States", ""},
	{"European Union", ""},
	{"NATO", ""},
	{"United Nations", ""},
	{"UN Security Council", ""},
	{"IAEA", ""},
	{"International Committee of the Red Cross", "icrc"},
	{"OSCE", ""},
	{"Turkey", ""},
	{"China", ""},
	{"Germany", ""},
	{"France", ""},
	{"United Kingdom", ""},
	{"Poland", ""},
	{"Belarus", ""},
	{"Hungary", ""},
	{"Qatar", ""},
	{"Saudi Arabia", ""},
	{"India", ""},
	{"Iran", ""},
	{"North Korea", ""},
	{"Moldova", ""},
	{"Georgia", ""},
	{"Wagner Group", ""},
	{"Armed Forces of Ukraine", ""},
	{"Russian Ministry of Defence", "russian-mod"},
	{"Verkhovna Rada", ""},
	{"Kremlin", ""},
	{"Council of Europe", ""},
	{"International Criminal Court", "icc"},
	{"World Bank", ""},
	{"IMF", ""},
	{"G7", ""},
	{"Збройні сили України", "zbroini-syly-ukrainy"},
	{"Верховна Рада України", "verkhovna-rada-ukrainy"},
	{"Міністерство оборони України", "minoborony-ukrainy"},
	{"ДСНС України", "dsns-ukrainy"},
	{"Генеральний штаб ЗСУ", "henshtab-zsu"},
	{"Офіс Президента України", "ofis-prezydenta"},
}

// place is a location; key is the ASCII form used in slugs (derived from the
// name when empty).
type place struct {
	name, key, country string
	lat, lon           float64
}

var places = []place{
	// Ukraine
	{"Kyiv", "", "Ukraine", 50.4501, 30.5234},
	{"Kharkiv", "", "Ukraine", 49.9935, 36.2304},
	{"Odesa", "", "Ukraine", 46.4825, 30.7233},
	{"Dnipro", "", "Ukraine", 48.4647, 35.0462},
	{"Zaporizhzhia", "", "Ukraine", 47.8388, 35.1396},
	{"Lviv", "", "Ukraine", 49.8397, 24.0297},
	{"Mykolaiv", "", "Ukraine", 46.9750, 31.9946},
	{"Kherson", "", "Ukraine", 46.6354, 32.6169},
	{"Mariupol", "", "Ukraine", 47.0971, 37.5434},
	{"Bakhmut", "", "Ukraine", 48.5947, 38.0003},
	{"Avdiivka", "", "Ukraine", 48.1394, 37.7425},
	{"Kramatorsk", "", "Ukraine", 48.7233, 37.5564},
	{"Sloviansk", "", "Ukraine", 48.8519, 37.6057},
	{"Pokrovsk", "", "Ukraine", 48.2826, 37.1758},
	{"Chernihiv", "", "Ukraine", 51.4982, 31.2893},
	{"Sumy", "", "Ukraine", 50.9077, 34.7981},
	{"Poltava", "", "Ukraine", 49.5883, 34.5514},
	{"Vinnytsia", "", "Ukraine", 49.2331, 28.4682},
	{"Zhytomyr", "", "Ukraine", 50.2547, 28.6587},
	{"Kropyvnytskyi", "", "Ukraine", 48.5079, 32.2623},
	{"Kryvyi Rih", "", "Ukraine", 47.9105, 33.3918},
	{"Izium", "", "Ukraine", 49.2125, 37.2566},
	{"Kupiansk", "", "Ukraine", 49.7106, 37.6156},
	{"Lyman", "", "Ukraine", 48.9889, 37.8025},
	{"Bucha", "", "Ukraine", 50.5432, 30.2127},
	{"Irpin", "", "Ukraine", 50.5218, 30.2506},
	{"Hostomel", "", "Ukraine", 50.5686, 30.2653},
	{"Chernivtsi", "", "Ukraine", 48.2921, 25.9358},
	{"Ivano-Frankivsk", "", "Ukraine", 48.9226, 24.7111},
	{"Ternopil", "", "Ukraine", 49.5535, 25.5948},
	{"Rivne", "", "Ukraine", 50.6199, 26.2516},
	{"Lutsk", "", "Ukraine", 50.7472, 25.3254},
	{"Uzhhorod", "", "Ukraine", 48.6208, 22.2879},
	{"Khmelnytskyi", "", "Ukraine", 49.4229, 26.9871},
	{"Cherkasy", "", "Ukraine", 49.4444, 32.0598},
	{"Bila Tserkva", "", "Ukraine", 49.7968, 30.1311},
	{"Enerhodar", "", "Ukraine", 47.4989, 34.6559},
	{"Nova Kakhovka", "", "Ukraine", 46.7548, 33.3486},
	{"Melitopol", "", "Ukraine", 46.8489, 35.3653},
	{"Berdiansk", "", "Ukraine", 46.7555, 36.7889},
	{"Tokmak", "", "Ukraine", 47.2550, 35.7120},
	{"Robotyne", "", "Ukraine", 47.4469, 35.8361},
	{"Vuhledar", "", "Ukraine", 47.7800, 37.2486},
	{"Toretsk", "", "Ukraine", 48.3978, 37.8472},
	{"Chasiv Yar", "", "Ukraine", 48.5863, 37.8347},
	{"Siversk", "", "Ukraine", 48.8667, 38.1000},
	{"Kostiantynivka", "", "Ukraine", 48.5277, 37.7069},
	{"Selydove", "", "Ukraine", 48.1483, 37.3000},
	{"Kurakhove", "", "Ukraine", 47.9833, 37.2833},
	{"Orikhiv", "", "Ukraine", 47.5677, 35.7847},
	{"Nikopol", "", "Ukraine", 47.5667, 34.4000},
	{"Snake Island", "", "Ukraine", 45.2550, 30.2040},
	{"Donetsk", "", "Ukraine", 48.0159, 37.8029},
	{"Luhansk", "", "Ukraine", 48.5740, 39.3078},
	{"Horlivka", "", "Ukraine", 48.3336, 38.0925},
	{"Makiivka", "", "Ukraine", 48.0478, 37.9258},
	{"Sievierodonetsk", "", "Ukraine", 48.9482, 38.4917},
	{"Lysychansk", "", "Ukraine", 48.9042, 38.4269},
	{"Simferopol", "", "Ukraine", 44.9521, 34.1024},
	{"Sevastopol", "", "Ukraine", 44.6166, 33.5254},
	{"Kerch", "", "Ukraine", 45.3562, 36.4674},
	{"Yalta", "", "Ukraine", 44.4952, 34.1663},
	{"Dzhankoi", "", "Ukraine", 45.7086, 34.3933},
	{"Ilovaisk", "", "Ukraine", 47.9244, 38.1939},
	{"Debaltseve", "", "Ukraine", 48.3375, 38.4042},
	{"Volnovakha", "", "Ukraine", 47.6011, 37.4972},
	{"Izmail", "", "Ukraine", 45.3516, 28.8365},
	{"Reni", "", "Ukraine", 45.4567, 28.2803},
	{"Chornobyl", "", "Ukraine", 51.2763, 30.2219},
	{"Zaporizhzhia Nuclear Power Plant", "zaporizhzhia-npp", "Ukraine", 47.5119, 34.5856},
	{"Kakhovka Dam", "", "Ukraine", 46.7779, 33.3710},
	{"Kerch Bridge", "", "Ukraine", 45.3083, 36.5117},
	{"Antonivskyi Bridge", "", "Ukraine", 46.6706, 32.7144},
	{"Azovstal", "", "Ukraine", 47.0985, 37.6036},
	// Ukrainian regions
	{"Kharkiv Oblast", "", "Ukraine", 49.6000, 36.7000},
	{"Donetsk Oblast", "", "Ukraine", 48.2000, 37.7000},
	{"Luhansk Oblast", "", "Ukraine", 48.8000, 39.0000},
	{"Zaporizhzhia Oblast", "", "Ukraine", 47.3000, 35.5000},
	{"Kherson Oblast", "", "Ukraine", 46.7000, 33.5000},
	{"Mykolaiv Oblast", "", "Ukraine", 47.1000, 31.9000},
	{"Odesa Oblast", "", "Ukraine", 46.7000, 30.3000},
	{"Dnipropetrovsk Oblast", "", "Ukraine", 48.3000, 35.0000},
	{"Sumy Oblast", "", "Ukraine", 51.0000, 34.0000},
	{"Chernihiv Oblast", "", "Ukraine", 51.3000, 32.0000},
	{"Kyiv Oblast", "", "Ukraine", 50.3000, 30.6000},
	{"Poltava Oblast", "", "Ukraine", 49.6000, 34.0000},
	{"Zhytomyr Oblast", "", "Ukraine", 50.6000, 28.5000},
	{"Lviv Oblast", "", "Ukraine", 49.7000, 24.0000},
	{"Vinnytsia Oblast", "", "Ukraine", 49.0000, 28.5000},
	{"Khmelnytskyi Oblast", "", "Ukraine", 49.4000, 27.0000},
	{"Volyn Oblast", "", "Ukraine", 51.2000, 25.0000},
	{"Zakarpattia Oblast", "", "Ukraine", 48.4000, 23.2000},
	{"Crimea", "", "Ukraine", 45.3000, 34.4000},
	// Ukrainian names
	{"Київ", "kyiv-ua", "Україна", 50.4501, 30.5234},
	{"Харків", "kharkiv-ua", "Україна", 49.9935, 36.2304},
	{"Одеса", "odesa-ua", "Україна", 46.4825, 30.7233},
	{"Дніпро", "dnipro-ua", "Україна", 48.4647, 35.0462},
	{"Запоріжжя", "zaporizhzhia-ua", "Україна", 47.8388, 35.1396},
	{"Львів", "lviv-ua", "Україна", 49.8397, 24.0297},
	{"Миколаїв", "mykolaiv-ua", "Україна", 46.9750, 31.9946},
	{"Херсон", "kherson-ua", "Україна", 46.6354, 32.6169},
	{"Маріуполь", "mariupol-ua", "Україна", 47.0971, 37.5434},
	{"Бахмут", "bakhmut-ua", "Україна", 48.5947, 38.0003},
	{"Авдіївка", "avdiivka-ua", "Україна", 48.1394, 37.7425},
	{"Краматорськ", "kramatorsk-ua", "Україна", 48.7233, 37.5564},
	{"Покровськ", "pokrovsk-ua", "Україна", 48.2826, 37.1758},
	{"Суми", "sumy-ua", "Україна", 50.9077, 34.7981},
	{"Чернігів", "chernihiv-ua", "Україна", 51.4982, 31.2893},
	{"Ізюм", "izium-ua", "Україна", 49.2125, 37.2566},
	{"Буча", "bucha-ua", "Україна", 50.5432, 30.2127},
	{"Енергодар", "enerhodar-ua", "Україна", 47.4989, 34.6559},
	{"Херсонська область", "khersonska-oblast", "Україна", 46.7000, 33.5000},
	{"Донецька область", "donetska-oblast", "Україна", 48.2000, 37.7000},
	// Russia
	{"Moscow", "", "Russia", 55.7558, 37.6173},
	{"Saint Petersburg", "", "Russia", 59.9311, 30.3609},
	{"Belgorod", "", "Russia", 50.5997, 36.5983},
	{"Kursk", "", "Russia", 51.7304, 36.1926},
	{"Bryansk", "", "Russia", 53.2521, 34.3717},
	{"Rostov-on-Don", "", "Russia", 47.2357, 39.7015},
	{"Voronezh", "", "Russia", 51.6720, 39.1843},
	{"Novorossiysk", "", "Russia", 44.7239, 37.7688},
	{"Krasnodar", "", "Russia", 45.0355, 38.9753},
	{"Taganrog", "", "Russia", 47.2362, 38.8969},
	{"Sudzha", "", "Russia", 51.1919, 35.2708},
	{"Engels", "", "Russia", 51.4983, 46.1214},
	{"Kaliningrad", "", "Russia", 54.7104, 20.4522},
	{"Sochi", "", "Russia", 43.6028, 39.7342},
	{"Tuapse", "", "Russia", 44.1053, 39.0802},
	{"Yeysk", "", "Russia", 46.7055, 38.2739},
	{"Kazan", "", "Russia", 55.7963, 49.1088},
	{"Novosibirsk", "", "Russia", 55.0084, 82.9357},
	{"Vladivostok", "", "Russia", 43.1198, 131.8869},
	{"Murmansk", "", "Russia", 68.9585, 33.0827},
	{"Belgorod Oblast", "", "Russia", 50.7000, 37.4000},
	{"Kursk Oblast", "", "Russia", 51.6000, 36.0000},
	{"Bryansk Oblast", "", "Russia", 52.9000, 33.4000},
	{"Rostov Oblast", "", "Russia", 47.7000, 41.0000},
	{"Moscow Oblast", "", "Russia", 55.5000, 38.0000},
	{"Voronezh Oblast", "", "Russia", 50.9000, 40.0000},
	{"Krasnodar Krai", "", "Russia", 45.3000, 39.4000},
	{"Москва", "moskva", "Росія", 55.7558, 37.6173},
	{"Бєлгород", "bielhorod", "Росія", 50.5997, 36.5983},
	// Neighbours and Europe
	{"Minsk", "", "Belarus", 53.9006, 27.5590},
	{"Gomel", "", "Belarus", 52.4412, 31.0136},
	{"Brest", "", "Belarus", 52.0976, 23.7341},
	{"Chisinau", "", "Moldova", 47.0105, 28.8638},
	{"Tiraspol", "", "Moldova", 46.8403, 29.6433},
	{"Warsaw", "", "Poland", 52.2297, 21.0122},
	{"Rzeszów", "rzeszow", "Poland", 50.0412, 21.9991},
	{"Przewodów", "przewodow", "Poland", 50.4736, 23.9390},
	{"Kraków", "krakow", "Poland", 50.0647, 19.9450},
	{"Gdańsk", "gdansk", "Poland", 54.3520, 18.6466},
	{"Bucharest", "", "Romania", 44.4268, 26.1025},
	{"Constanța", "constanta", "Romania", 44.1598, 28.6348},
	{"Istanbul", "", "Turkey", 41.0082, 28.9784},
	{"Ankara", "", "Turkey", 39.9334, 32.8597},
	{"Antalya", "", "Turkey", 36.8969, 30.7133},
	{"Berlin", "", "Germany", 52.5200, 13.4050},
	{"Munich", "", "Germany", 48.1351, 11.5820},
	{"Ramstein", "", "Germany", 49.4447, 7.5494},
	{"Paris", "", "France", 48.8566, 2.3522},
	{"Brussels", "", "Belgium", 50.8503, 4.3517},
	{"London", "", "United Kingdom", 51.5074, -0.1278},
	{"Geneva", "", "Switzerland", 46.2044, 6.1432},
	{"Bürgenstock", "burgenstock", "Switzerland", 46.9965, 8.3797},
	{"Davos", "", "Switzerland", 46.8027, 9.8360},
	{"Vienna", "", "Austria", 48.2082, 16.3738},
	{"The Hague", "", "Netherlands", 52.0705, 4.3007},
	{"Vilnius", "", "Lithuania", 54.6872, 25.2797},
	{"Riga", "", "Latvia", 56.9496, 24.1052},
	{"Tallinn", "", "Estonia", 59.4370, 24.7536},
	{"Narva", "", "Estonia", 59.3772, 28.1903},
	{"Helsinki", "", "Finland", 60.1699, 24.9384},
	{"Stockholm", "", "Sweden", 59.3293, 18.0686},
	{"Oslo", "", "Norway", 59.9139, 10.7522},
	{"Copenhagen", "", "Denmark", 55.6761, 12.5683},
	{"Budapest", "", "Hungary", 47.4979, 19.0402},
	{"Bratislava", "", "Slovakia", 48.1486, 17.1077},
	{"Prague", "", "Czech Republic", 50.0755, 14.4378},
	{"Rome", "", "Italy", 41.9028, 12.4964},
	{"Vatican City", "", "Vatican City", 41.9029, 12.4534},
	{"Madrid", "", "Spain", 40.4168, -3.7038},
	{"Tbilisi", "", "Georgia", 41.7151, 44.8271},
	{"Yerevan", "", "Armenia", 40.1792, 44.4991},
	// Further afield
	{"Washington", "", "United States", 38.9072, -77.0369},
	{"New York", "", "United States", 40.7128, -74.0060},
	{"Ottawa", "", "Canada", 45.4215, -75.6972},
	{"Brasília", "brasilia", "Brazil", -15.7975, -47.8919},
	{"Johannesburg", "", "South Africa", -26.2041, 28.0473},
	{"Nusa Dua", "", "Indonesia", -8.8008, 115.2317},
	{"Canberra", "", "Australia", -35.2809, 149.1300},
	{"Hiroshima", "", "Japan", 34.3853, 132.4553},
	{"Tokyo", "", "Japan", 35.6762, 139.6503},
	{"Beijing", "", "China", 39.9042, 116.4074},
	{"New Delhi", "", "India", 28.6139, 77.2090},
	{"Jeddah", "", "Saudi Arabia", 21.4858, 39.1925},
	{"Riyadh", "", "Saudi Arabia", 24.7136, 46.6753},
	{"Doha", "", "Qatar", 25.2854, 51.5310},
	{"Abu Dhabi", "", "United Arab Emirates", 24.4539, 54.3773},
	{"Tehran", "", "Iran", 35.6892, 51.3890},
	{"Astana", "", "Kazakhstan", 51.1694, 71.4491},
	{"Pyongyang", "", "North Korea", 39.0392, 125.7625},
}

var tags = []string{
	"ceasefire", "negotiations", "sanctions", "grain-deal", "energy", "drones",
	"missiles", "artillery", "air-defence", "shelling", "counteroffensive",
	"mobilisation", "prisoner-exchange", "evacuation", "refugees", "displacement",
	"humanitarian-aid", "power-grid", "blackouts", "nuclear-safety", "zaporizhzhia-npp",
	"black-sea", "naval", "ports", "shipping", "exports", "oil", "gas", "gas-transit",
	"price-cap", "frozen-assets", "reconstruction", "loans", "budget", "inflation",
	"central-bank", "currency", "trade", "tariffs", "fertiliser", "food-security",
	"war-crimes", "icc", "investigations", "detainees", "civilian-casualties",
	"infrastructure", "railways", "bridges", "dams", "flooding", "demining",
	"landmines", "cluster-munitions", "tanks", "fighter-jets", "f-16", "himars",
	"patriot", "long-range-strikes", "cross-border", "border", "annexation",
	"referendum", "occupation", "partisans", "sabotage", "cyberattack",
	"disinformation", "propaganda", "elections", "martial-law", "parliament",
	"cabinet-reshuffle", "corruption", "protests", "conscription", "veterans",
	"eu-accession", "nato-membership", "security-guarantees", "summit", "g7",
	"g20", "un-general-assembly", "un-security-council", "osce", "mediation",
	"peace-plan", "peace-formula", "talks", "envoys", "diplomacy", "embassies",
	"ambassadors", "expulsions", "visa-bans", "asset-seizures", "oligarchs",
	"wagner", "mercenaries", "foreign-fighters", "ammunition", "arms-deliveries",
	"military-aid", "training", "logistics", "frontline", "donbas", "crimea",
	"kharkiv-front", "southern-front", "kherson-front", "kursk-incursion",
	"belgorod", "air-raid", "shelters", "schools", "hospitals", "medical-aid",
	"water-supply", "heating", "winter", "harvest", "agriculture", "children",
	"deportations", "human-rights", "press-freedom", "journalists", "religion",
	"culture", "heritage", "sport", "environment", "ecocide", "chornobyl",
	"satellite-imagery", "osint", "casualty-figures", "losses", "recruitment",
	"desertion", "exchange-of-bodies", "missing-persons", "pows", "hostages",
	"transnistria", "moldova", "belarus", "poland", "baltics", "nordics",
	"україна", "переговори", "обстріли",
}

var publishers = []struct{ name, host string }{
	{"Example News", "news.example.com"},
	{"Kyiv Ledger", "kyiv-ledger.example.net"},
	{"Eastern Europe Wire", "eewire.example.org"},
	{"The Frontline Monitor", "frontline.example.com"},
	{"Black Sea Observer", "bso.example.net"},
	{"Daily Dispatch", "dispatch.example.org"},
	{"Global Affairs Review", "gar.example.com"},
	{"Вісник Сходу", "visnyk.example.net"},
	{"Regional Broadcast Service", "rbs.example.org"},
	{"Open Sources Collective", "osc.example.com"},
}

// Title templates. {A} is the first actor, {C} the first actor when it must
// be a state, {B} the second actor, {N} a number and {Q} a quote. Places:
// {P} any town or region, {F} one near the front line, {V} a diplomatic
// venue, {S} a port, {L} a landmark (plant, dam, bridge). Templates with a place are used only when the article has a
// location, and that location is the place.
type titleSet struct{ withPlace, withoutPlace []string }

var titleTemplates = map[string]titleSet{
	"military": {
		withPlace: []string{
			"Shelling reported near {F}",
			"Missile strike on {F} kills {N}",
			"Drone attack targets energy facilities in {F}",
			"{A} claims advance near {F}",
			"Air raid alerts across {F} as explosions heard",
			"Fighting intensifies around {F}",
			"Artillery duel near {F}: both sides report losses",
			"[Update] Strike on {F} rail hub",
			"Counteroffensive reaches outskirts of {F}",
			"{A} says it repelled assault near {F}",
			"Explosions at ammunition depot in {F}",
			"Glide bombs hit {F} again, {N} injured",
			"Strike reported at {L}",
		},
		withoutPlace: []string{
			"{A} reports downing {N} drones overnight",
			"{C} announces mobilisation of reservists",
			"Prisoner exchange: {N} soldiers return home",
			"{A} receives first batch of air-defence systems",
			"Naval drone attack reported in the Black Sea",
			"{A} and {B} trade accusations over strike",
		},
	},
	"diplomatic": {
		withPlace: []string{
			"{A} and {B} hold talks in {V}",
			"Peace summit opens in {V}",
			"Foreign ministers meet in {V} amid ceasefire push",
			"{A} envoy visits {V}",
			"Talks in {V} end without agreement",
			"Delegations arrive in {V} for \"technical\" consultations",
		},
		withoutPlace: []string{
			"{C} says it is ready for talks with {B}",
			"{A}: \"{Q}\"",
			"{A} and {B} sign memorandum on security guarantees",
			"{C} recalls ambassador from {B}",
			"Resolution #{N}: UN General Assembly votes on withdrawal",
			"Energy & grain: {C} and {B} agree on transit",
			"{C} proposes {N}-point peace plan",
		},
	},
	"political": {
		withPlace: []string{
			"Protests in {P} over conscription rules",
			"Local elections postponed in {F}",
			"New military administration appointed in {F}",
			"Curfew extended in {F}",
		},
		withoutPlace: []string{
			"{C} dismisses defence minister",
			"{C} extends martial law by {N} days",
			"{C} adopts new law on mobilisation",
			"Referendum plans criticised by {A}",
			"{A} says 'no decisions without us' in statement",
		},
	},
	"humanitarian": {
		withPlace: []string{
			"Evacuation of civilians from {F} – day {N}",
			"Aid convoy #{N} reaches {F}",
			"Power outages hit {F} after strikes on grid",
			"Water supply restored in {F}",
			"Humanitarian corridor from {F} agreed",
			"UN inspectors visit {L}",
		},
		withoutPlace: []string{
			"{A} warns of winter energy crisis",
			"{A} reports {N} civilians displaced this week",
			"{A} appeals for access to detainees",
			"Children returned to families with help of {C}",
		},
	},
	"economic": {
		withPlace: []string{
			"Grain ships leave {S} under corridor deal",
			"Port of {S} resumes operations",
			"Refinery fire in {F} after drone strike",
			"Investment conference held in {V}",
		},
		withoutPlace: []string{
			"{C} approves €{N}bn support package",
			"{A} announces new sanctions package against {B}",
			"{A} imposes price cap on Russian oil",
			"Gas transit talks: {C} and {B} fail to agree",
			"{C} central bank raises rates to {N}%",
		},
	},
}

// Actors by role, by name; see init in benchsite.go.
var belligerentNames = []string{
	"Ukraine", "Russia", "Armed Forces of Ukraine", "Russian Ministry of Defence",
	"Wagner Group", "Kremlin", "Збройні сили України", "Генеральний штаб ЗСУ",
	"Міністерство оборони України",
}

var stateNames = []string{
	"Ukraine", "Russia", "United States", "Turkey", "China", "Germany", "France",
	"United Kingdom", "Poland", "Belarus", "Hungary", "Qatar", "Saudi Arabia", "India",
	"Iran", "North Korea", "Moldova", "Georgia",
}

var landmarkNames = []string{
	"Zaporizhzhia Nuclear Power Plant", "Kakhovka Dam", "Kerch Bridge", "Antonivskyi Bridge",
	"Azovstal", "Snake Island", "Chornobyl",
}

var portNames = []string{
	"Odesa", "Izmail", "Reni", "Mykolaiv", "Kherson", "Berdiansk", "Mariupol", "Sevastopol",
	"Novorossiysk", "Constanța", "Istanbul", "Одеса", "Tuapse", "Kerch",
}

var quotes = []string{
	"We will not cede territory",
	"Talks are possible, but not at any price",
	"The door to diplomacy remains open",
	"A ceasefire must come first",
	"No decisions about us without us",
	"We are ready to listen",
}

var subjects = []string{
	"Local officials", "The regional governor", "Emergency services", "Witnesses",
	"Military analysts", "Diplomats familiar with the discussions", "The foreign ministry",
	"The defence ministry", "Aid workers", "Residents", "Independent monitors",
	"The general staff", "Energy company engineers", "Journalists at the scene",
	"A senior official", "Human rights groups", "Observers", "The mayor",
	"Rescue teams", "Western officials",
}

var verbs = []string{
	"noted", "reported", "confirmed", "denied", "warned of", "described",
	"could not confirm", "called for", "pointed to", "estimated", "documented",
	"played down", "disputed", "welcomed", "condemned",
}

var objects = []string{
	"heavy shelling overnight", "damage to several residential buildings",
	"a new round of consultations", "the evacuation of civilians",
	"disruptions to the power grid", "the movement of armoured vehicles",
	"a planned prisoner exchange", "restrictions on grain exports",
	"the delivery of additional air-defence systems", "the closure of a border crossing",
	"a sharp rise in fuel prices", "strikes on logistics hubs",
	"fresh sanctions on the banking sector", "the reopening of a humanitarian corridor",
	"a shortage of medical supplies", "intensified drone activity",
	"the arrival of international inspectors", "a temporary ceasefire",
	"repairs to the damaged bridge", "losses among the attacking units",
	"long queues at fuel stations", "a statement from the presidential office",
	"the collapse of the talks", "demining work on farmland",
	"the return of displaced families",
}

var tails = []string{
	"on Tuesday", "early on Sunday", "late on Friday", "according to preliminary data",
	"citing unnamed sources", "despite earlier assurances", "in a statement published online",
	"after several hours of talks", "in the early hours", "as air raid sirens sounded",
	"for the third day in a row", "without giving further details", "in a televised address",
	"at a briefing in the capital", "amid growing pressure from allies", "near the front line",
	"according to regional authorities", "while rescue work continued",
}

var connectives = []string{"Meanwhile, ", "Separately, ", "On the same day, ", "Later, ", "By evening, "}

var standalone = []string{
	"The claims could not be independently verified.",
	"It was not immediately clear how many people were affected.",
	"Further details are expected in the coming days.",
	"Neither side commented on the reports.",
	"The situation remains tense, officials said.",
	"Repair crews were sent to the area.",
	"Schools in the district switched to remote learning.",
	"Air defence units were reported to be active.",
	"Q&A sessions with residents were scheduled for the evening.",
}

var ukrainianSentences = []string{
	"За попередніми даними, постраждалих немає.",
	"Інформація уточнюється.",
	"Рятувальники працювали на місці всю ніч.",
	"Влада закликала мешканців залишатися в укриттях.",
	"Про це повідомили в обласній військовій адміністрації.",
}

var headingsEN = []string{
	"Background", "What happened", "Reactions", "Casualties and damage",
	"Diplomatic context", "What comes next", "Timeline of the day", "Sources and verification",
}

var headingsUK = []string{
	"Хронологія подій", "Реакція влади", "Контекст", "Наслідки для цивільних", "Що відомо на цей момент",
}

var listItems = []string{
	"Residential buildings damaged in two districts",
	"Power restored to most households by the evening",
	"Rail traffic suspended on the main line",
	"Schools closed until further notice",
	"Emergency shelters opened in the city centre",
	"Talks to resume next week, according to both delegations",
	"Inspectors requested access to the site",
	"Grain shipments delayed by at least three days",
	"Two air-defence batteries redeployed",
	"Hospitals switched to generators",
}

var wikiTexts = []string{
	"earlier reporting", "the previous strike", "the talks", "an earlier attack",
	"background", "the first round of negotiations", "related coverage",
}

var offsets = []struct {
	name string
	secs int
}{
	{"+02:00", 2 * 3600}, {"+03:00", 3 * 3600}, {"UTC", 0}, {"+01:00", 3600}, {"-05:00", -5 * 3600},
}
