package coder

// wclass is a bit set of closed word classes.
type wclass uint32

const (
	wDet wclass = 1 << iota
	wPrep
	wConj
	wBe
	wHave
	wDo
	wModal
	wNeg
	wPron
	wWh
	wAdv
	wNum
	wTime
	wPoss
	wComma
	wPunct
	wTo
	wObjPron
	wHyphen // the hyphen of a compound modifier: "U.S.-backed"
)

const wAux = wBe | wHave | wDo | wModal

var closedWords = func() map[string]wclass {
	m := map[string]wclass{}
	add := func(c wclass, ws ...string) {
		for _, w := range ws {
			m[w] |= c
		}
	}
	add(wDet, "THE", "A", "AN", "THIS", "THESE", "THOSE", "ITS", "HIS", "HER", "THEIR", "OUR", "MY", "YOUR",
		"SOME", "ANY", "EVERY", "EACH", "ANOTHER", "SUCH", "ALL", "BOTH", "SEVERAL", "MANY", "FEW", "MORE", "MOST", "OTHER", "NO")
	add(wPrep, "OF", "IN", "ON", "AT", "BY", "FOR", "WITH", "FROM", "INTO", "ONTO", "AGAINST", "TOWARD", "TOWARDS",
		"OVER", "UNDER", "NEAR", "AFTER", "BEFORE", "DURING", "SINCE", "UNTIL", "WITHOUT", "WITHIN", "BETWEEN", "AMONG",
		"ACROSS", "THROUGH", "ABOUT", "AMID", "AMIDST", "DESPITE", "OUTSIDE", "INSIDE", "AROUND", "ALONG", "BEHIND",
		"BEYOND", "VIA", "PER", "UPON", "LIKE", "THAN", "AS", "TO", "OFF", "UP", "DOWN", "OUT", "ABOARD", "BESIDE")
	add(wTo, "TO")
	add(wConj, "AND", "OR", "BUT", "NOR", "&")
	add(wBe, "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM")
	add(wHave, "HAS", "HAVE", "HAD", "HAVING")
	add(wDo, "DO", "DOES", "DID")
	add(wModal, "WILL", "WOULD", "SHALL", "SHOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST", "'LL", "WO", "CA")
	add(wNeg, "NOT", "NEVER", "N'T")
	add(wPron, "HE", "SHE", "IT", "THEY", "WE", "I", "YOU")
	add(wObjPron, "HIM", "HER", "IT", "THEM", "US", "ITSELF", "THEMSELVES", "HIMSELF", "HERSELF")
	add(wWh, "WHO", "WHICH", "THAT", "WHOM", "WHOSE", "WHERE", "WHEN", "WHILE", "WHEREAS", "BECAUSE", "ALTHOUGH",
		"THOUGH", "IF", "UNLESS", "WHETHER", "AS")
	add(wAdv, "ALSO", "REPORTEDLY", "THEN", "STILL", "ALREADY", "AGAIN", "NOW", "LATER", "EARLIER", "SOON", "JUST",
		"EVEN", "ONLY", "OFTEN", "ALLEGEDLY", "ONCE", "FINALLY", "RECENTLY", "JOINTLY", "FORMALLY", "REPEATEDLY",
		"APPARENTLY", "SHARPLY", "STRONGLY", "FIRMLY", "OFFICIALLY", "PUBLICLY", "IMMEDIATELY", "SUDDENLY", "ALLEGEDLY",
		"OUTRIGHT", "ALWAYS", "FURTHER", "EVER", "YET", "TOGETHER", "HERE", "THERE", "TODAY", "YESTERDAY", "TONIGHT", "TOMORROW", "OVERNIGHT", "BLUNTLY", "UNANIMOUSLY")
	add(wTime, "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "YESTERDAY", "TODAY",
		"TONIGHT", "TOMORROW", "OVERNIGHT", "WEEKEND", "MORNING", "AFTERNOON", "EVENING", "NIGHT", "WEEK", "MONTH", "YEAR",
		"JANUARY", "FEBRUARY", "MARCH", "APRIL", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER",
		"DECEMBER", "JAN.", "FEB.", "MAR.", "APR.", "JUN.", "JUL.", "AUG.", "SEP.", "SEPT.", "OCT.", "NOV.", "DEC.",
		"EARLIER", "LAST", "NEXT", "LATE")
	add(wNum, "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "DOZEN", "DOZENS",
		"HUNDRED", "HUNDREDS", "THOUSAND", "THOUSANDS", "MILLION", "MILLIONS", "SCORES")
	add(wPoss, "'S", "'")
	add(wComma, ",")
	return m
}()

// sayLemmas are reporting verbs: they emit no event themselves and attribute
// the events of their complement (or of the clause they close).
var sayLemmas = map[string]bool{
	"SAY": true, "TELL": true, "REPORT": true, "ANNOUNCE": true, "CLAIM": true, "STATE": true, "ADD": true,
	"NOTE": true, "CONFIRM": true, "DECLARE": true, "STRESS": true, "ASSERT": true, "EXPLAIN": true, "QUOTE": true,
	"INDICATE": true, "ACKNOWLEDGE": true, "BELIEVE": true, "THINK": true, "ARGUE": true, "COMMENT": true,
	"WRITE": true, "REVEAL": true, "INSIST": true, "REITERATE": true, "EMPHASIZE": true, "EMPHASISE": true,
	"UNDERLINE": true, "MENTION": true, "REMARK": true, "ESTIMATE": true, "SHOW": true, "SUGGEST": true,
	"ALLEGE": true, "DESCRIBE": true, "PREDICT": true, "FEAR": true, "HOPE": true, "ADMIT": true, "CONCEDE": true,
}

// Complement-taking verbs (lemma → kind) for "V1 to V2" and "V1 NP to V2".
const (
	ctlNone = iota
	ctlIntent
	ctlThreat
	ctlRefuse
	ctlWant
	ctlAppeal
	ctlDemand
	ctlDeny
	ctlPass  // V2 decides: try, continue, begin, schedule ...
	ctlCause // V1 makes NP do V2: the subject does V2's act ("ordered China to close its consulate")
)

var controlLemmas = map[string]int{
	"PLAN": ctlIntent, "INTEND": ctlIntent, "PLEDGE": ctlIntent, "PROMISE": ctlIntent, "VOW": ctlIntent,
	"OFFER": ctlIntent, "AGREE": ctlIntent, "DECIDE": ctlIntent, "PREPARE": ctlIntent, "AIM": ctlIntent,
	"SEEK": ctlIntent, "EXPECT": ctlIntent, "PROPOSE": ctlIntent, "COMMIT": ctlIntent, "RESOLVE": ctlIntent,
	"THREATEN": ctlThreat,
	"REFUSE":   ctlRefuse, "DECLINE": ctlRefuse, "REJECT": ctlRefuse, "FAIL": ctlRefuse,
	"WANT": ctlWant, "WISH": ctlWant,
	"URGE": ctlAppeal, "ASK": ctlAppeal, "CALL": ctlAppeal, "APPEAL": ctlAppeal, "PRESS": ctlAppeal,
	"ENCOURAGE": ctlAppeal, "PERSUADE": ctlAppeal, "REQUEST": ctlAppeal, "INVITE": ctlAppeal, "IMPLORE": ctlAppeal,
	"DEMAND": ctlDemand, "INSIST": ctlDemand,
	"DENY":  ctlDeny,
	"ORDER": ctlCause, "COMPEL": ctlCause, "SEND": ctlCause, "DISPATCH": ctlCause, "DEPLOY": ctlCause,
	"TRY": ctlPass, "ATTEMPT": ctlPass, "CONTINUE": ctlPass, "BEGIN": ctlPass, "START": ctlPass, "RESUME": ctlPass,
	"SCHEDULE": ctlPass, "MOVE": ctlPass, "HELP": ctlPass, "USE": ctlPass, "NEED": ctlPass, "STEP": ctlPass,
	"HAVE": ctlPass, "GO": ctlPass, "SEEM": ctlPass, "APPEAR": ctlPass, "VOTE": ctlPass,
}

// intentAdjectives after a form of BE behave like intent verbs: "is ready to".
var intentAdjectives = map[string]bool{
	"READY": true, "WILLING": true, "PREPARED": true, "SET": true, "SCHEDULED": true, "DUE": true, "POISED": true,
	"DETERMINED": true, "EXPECTED": true, "GOING": true, "LIKELY": true, "EAGER": true, "ABOUT": true,
}

// locationPreps introduce places; as targets they count only for material conflict.
var locationPreps = map[string]bool{"IN": true, "NEAR": true, "OUTSIDE": true, "INSIDE": true, "ACROSS": true,
	"THROUGHOUT": true, "AROUND": true, "AT": true, "ALONG": true}

// nonTargetPreps never introduce a target.
var nonTargetPreps = map[string]bool{"SINCE": true, "UNTIL": true, "AFTER": true, "BEFORE": true, "DURING": true,
	"DESPITE": true, "AMID": true, "AMIDST": true, "LIKE": true, "THAN": true, "AS": true, "BY": true, "FROM": true,
	"OF": true, "ABOUT": true, "BETWEEN": true, "AMONG": true, "PER": true, "VIA": true, "WITHOUT": true, "UNDER": true}
