package coder

import "strings"

// Topic cues for sentences that are not political events. A sentence is
// off topic when its cue score reaches 2 and it has no political cue.
var offTopicCues = func() map[string]int {
	m := map[string]int{}
	add := func(w int, ws ...string) {
		for _, s := range ws {
			m[s] = w
		}
	}
	// sports
	add(2, "FOOTBALL", "SOCCER", "CRICKET", "RUGBY", "TENNIS", "GOLF", "BASKETBALL", "BASEBALL", "HOCKEY",
		"WIMBLEDON", "OLYMPICS", "OLYMPIC", "NBA", "NFL", "FIFA", "UEFA", "CHAMPIONSHIP", "CHAMPIONSHIPS",
		"TOURNAMENT", "SEMI-FINAL", "QUARTER-FINALS", "QUARTER-FINAL", "SEMI-FINALS", "SEMIFINAL", "QUALIFIER",
		"GRAND", "SUPER", "STRIKER", "GOALKEEPER", "MIDFIELDER", "INNINGS", "WICKETS", "WICKET", "TOUCHDOWN", "PENALTIES", "TROPHY", "COPA", "MARATHON",
		"CYCLIST", "CYCLING", "BOWLERS", "BATSMEN", "BATTING", "BOWLER", "BATSMAN", "ONE-DAY", "SPRINTER", "BOXER",
		"FOOTBALLERS", "CRICKETERS", "GIRO", "ATHLETICS", "SWIMMER", "GYMNAST")
	// ("Chinese Premier Li Qiang": a head of government, unless the league
	// or another cue is there)
	add(1, "PREMIER", "MATCH", "GAME", "GOAL", "GOALS", "SCORED", "FINAL", "LEAGUE", "CUP", "TITLE", "COACH", "MANAGER",
		"SEASON", "MEDAL", "RUNS", "TEST", "SETS", "TEAM", "SQUAD", "PLAYER", "PLAYERS", "CLUB", "STADIUM", "WON",
		"BEAT", "DEFEATED", "CHAMPION", "METRES", "RACE", "OPEN", "EURO", "CHAMPIONS", "WIN", "WINS", "EXTRA",
		"SCORING", "SEMI", "FINALS")
	// markets and business
	add(2, "SHARES", "STOCKS", "NASDAQ", "DOW", "NIKKEI", "DAX", "FTSE", "S&P", "INVESTORS", "TRADERS", "BARREL",
		"EARNINGS", "QUARTERLY", "REVENUE", "PROFIT", "PROFITS", "IPO", "SMARTPHONE", "IPHONE", "SUPERMARKET",
		"RETAILER", "AUTOMAKER", "CARMAKER", "AIRLINES", "SHAREHOLDERS", "DIVIDEND", "ROUBLE", "RUBLE", "RUPEE", "YEN",
		"DRUGMAKER", "BIOTECH", "BREWER", "CODESHARE", "ROYALTIES", "AIRLINE")
	add(1, "PERCENT", "INDEX", "PRICES", "PRICE", "TRADING", "MARKET", "MARKETS", "STOCK", "BOND", "BONDS",
		"YIELDS", "DOLLAR", "CURRENCY", "COMMODITIES", "FUTURES", "COMPANY", "FIRM", "CEO", "EXECUTIVE", "SALES",
		"BILLION", "ACQUISITION", "MERGER", "JOB", "CUTS", "OFFERING", "RATES", "GOLD", "OIL", "DELIVERED", "JET",
		"RECORD", "INTEREST", "AVERAGE", "CLOSED", "HIGHER", "LOWER", "ROSE", "FELL", "CLIMBED", "PLUNGED", "DROPPED",
		"TAKEOVER", "PASSENGERS", "FLIGHTS", "ROUTE", "ROUTES", "BRAND", "LUXURY", "FASHION", "LICENSE", "BID")
	// weather and nature
	add(2, "WEATHER", "FORECAST", "FORECASTERS", "TEMPERATURES", "TEMPERATURE", "CELSIUS", "FAHRENHEIT", "SNOW",
		"SNOWFALL", "SHOWERS", "HEATWAVE", "TYPHOON", "HURRICANE", "CYCLONE", "EARTHQUAKE", "MAGNITUDE", "RAINFALL")
	add(1, "RAIN", "STORM", "DEGREES", "COLD", "FRONT", "SUNNY", "CLOUDY", "WIND", "WINDS")
	// culture and science
	add(2, "FILM", "MOVIE", "ALBUM", "SONG", "FESTIVAL", "EXHIBITION", "MUSEUM", "CONCERT", "ORCHESTRA",
		"SYMPHONY", "OSCAR", "OSCARS", "GRAMMY", "NOVEL", "PALME", "NASA", "PARTICLE", "PROBE", "SCIENTISTS",
		"EUROVISION", "CHARTS", "SPECIES", "CARNIVAL")
	add(1, "ART", "MUSIC", "SINGER", "COPIES", "PERFORMED", "DISCOVERY", "ACTRESS", "BOOK", "POP", "BAND", "FOOTAGE", "SINGLE")
	return m
}()

// politicalCues protect a sentence from the off-topic rule.
var politicalCues = map[string]bool{
	"TROOPS": true, "MILITARY": true, "GOVERNMENT": true, "MINISTER": true, "PRESIDENT": true, "SANCTIONS": true,
	"ATTACK": true, "ATTACKS": true, "KILLED": true, "POLICE": true, "REBELS": true, "ARMY": true, "PARLIAMENT": true,
	"ELECTION": true, "PROTESTERS": true, "MILITANTS": true, "SOLDIERS": true, "WAR": true, "CEASEFIRE": true,
	"TALKS": true, "TREATY": true, "EMBASSY": true, "DIPLOMATIC": true, "NUCLEAR": true, "AIRSTRIKES": true,
	"BOMBING": true, "EMBARGO": true, "REFUGEES": true, "MIGRANTS": true, "OPPOSITION": true, "ARRESTED": true,
	"PRIME": true, "SECURITY": true, "TERRORIST": true, "INSURGENTS": true, "STRIKES": true, "MINISTRY": true,
	// "Seoul signed a letter of intent with the International Monetary Fund
	// for a bailout": the lender of last resort is a political actor
	"IMF": true, "MONETARY": true, "BAILOUT": true,
}

// hardPoliticalCues are words that make a sentence political whatever
// sport or show it mentions.
var hardPoliticalCues = map[string]bool{"KILLED": true, "KILLING": true, "BOMBS": true, "BOMB": true, "EXPLODED": true,
	"TREATY": true, "AGREEMENT": true, "PRISONER": true, "PRISONERS": true, "SWAP": true, "HOSTAGE": true,
	"HOSTAGES": true, "RESPONSIBILITY": true, "TALKS": true, "SANCTIONS": true, "TROOPS": true, "MILITANTS": true,
	"TERRORIST": true, "ATTACK": true, "BLASTS": true, "BLAST": true, "ARRESTED": true, "EXPELLED": true}

// hardPolitical reports a hard political cue among the tokens.
func hardPolitical(toks []token) bool {
	for i, t := range toks {
		if hardPoliticalCues[t.up] {
			// "a ruthless pace attack": a team's bowlers or forwards
			if t.up == "ATTACK" && i > 0 && sportsAttack[toks[i-1].up] {
				continue
			}
			return true
		}
	}
	return false
}

// sportsAttack words before ATTACK make it a team's, not a violent act.
var sportsAttack = map[string]bool{"PACE": true, "SPIN": true, "SEAM": true, "BOWLING": true, "COUNTER": true}

// offTopic reports whether a tokenized sentence is about sports, markets,
// weather, business or culture rather than political interaction.
func offTopic(toks []token, political bool) bool {
	score := 0
	for i, t := range toks {
		if politicalCues[t.up] || hardPoliticalCues[t.up] {
			return false
		}
		score += offTopicCues[t.up]
		// match scores such as 7-1, 28-24
		if a, b, ok := strings.Cut(t.up, "-"); ok && isDigits(a) && isDigits(b) && len(a) <= 3 && len(b) <= 3 {
			if i > 0 && toks[i-1].up != "AGED" {
				score += 2
			}
		}
	}
	return score >= 4 || score >= 2 && !political
}

// hasAgent reports a political agent (government, military, rebels, police
// ...) or at least two actor mentions.
func (a *analysis) hasAgent() bool {
	actors := 0
	for _, m := range a.mentions {
		if m.actor && m.code != "" {
			actors++
			if actors >= 2 {
				return true
			}
		}
		if !m.actor && m.code != "" {
			switch strings.TrimPrefix(m.code, "~") {
			case "BUS", "MED", "EDU", "SPO", "ENV", "AGR", "HLH", "CVL", "PPL", "LAB", "ELI":
				continue
			}
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// discarded checks the PETRARCH-2 discard phrases (whole words, any
// position, sentence end included). It returns the phrase and whether it
// discards the whole story.
func (lx *lexicon) discarded(toks []token) (string, bool) {
	for i := range toks {
		if toks[i].punct {
			continue
		}
		if id, _ := lx.discards.match(toks, i); id >= 0 {
			// "the biggest attack in Europe since World War Two": a
			// yardstick of time, not the story's topic
			if sinceBefore(toks, i) {
				continue
			}
			return strings.Join(lx.discards.words[id], " "), lx.discardAll[id]
		}
	}
	return "", false
}

// sinceBefore reports "since" or "since the" right before position i.
func sinceBefore(toks []token, i int) bool {
	if i > 0 && toks[i-1].up == "THE" {
		i--
	}
	return i > 0 && toks[i-1].up == "SINCE"
}
