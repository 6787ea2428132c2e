package coder

import (
	"strings"
	"time"

	"github.com/dyadgraph/dyad/ingest/coder/internal/dict"
	"github.com/dyadgraph/dyad/schema"
)

// mention is a matched actor or agent phrase.
type mention struct {
	start, end int // token range [start, end)
	actor      bool
	code       string // actor code valid at the sentence date ("" = matched, no valid code), or agent code
	name       string
	phrase     string
}

// chunk is a noun chunk: a run of tokens between function words.
type chunk struct {
	start, end int    // [start, end)
	prep       string // preposition right before the chunk, "" if none
	time       bool   // a time expression
	agents     []string
	pron       string // a pronoun chunk: "HE", "THEY", "IT" ...
	possessed  bool   // "its troops": the country comes from an antecedent
	resolved   bool
	actor      schema.Actor
	hasActor   bool
	evidence   []string
}

// group is a verb group: auxiliaries, negation, the head verb, particles and
// an optional infinitive complement.
type group struct {
	first, head, last int
	verb              verbInfo
	coded             bool
	passive, neg      bool
	future, perfect   bool
	intentAdj         bool // "is ready to"
	comp              *group
	ctrlChunk         int // chunk between V1 and "to V2", -1 if none
	inComplement      bool
	bare              bool // a past form without auxiliaries: maybe a participle
	must              bool // "must", "should", "has to": an obligation, not an event
	spec              bool // "might", "may": speculation, not an event
}

// analysis is the per-sentence working state.
type analysis struct {
	c        *Coder
	text     string
	toks     []token
	cls      []wclass
	ment     []int // token → mention index or -1
	mentions []mention
	verbs    [][]verbInfo
	isVerb   []bool
	chunks   []chunk
	chunkOf  []int
	day      int32
	hasDay   bool
	pub      time.Time // publication date, zero if unknown
	// locTarget: the last objectOf result came from a location PP ("in Syria")
	locTarget bool
	places    []placeExpr // the sentence's gazetteer places, found once per sentence
	tc        int8        // title case: 0 unknown, 1 yes, -1 no
	// reactTo: the subject chunks of the clause before the group being coded
	reactTo []int
}

func (a *analysis) up(i int) string {
	if i < 0 || i >= len(a.toks) {
		return ""
	}
	return a.toks[i].up
}

func (a *analysis) is(i int, c wclass) bool {
	return i >= 0 && i < len(a.toks) && a.cls[i]&c != 0
}

// isWeekday reports a day name ("MONDAY").
func isWeekday(up string) bool {
	_, ok := weekdays[up]
	return ok
}

// actorCaseOK keeps lower-case common words ("us", "turkey") from matching
// single-word actor phrases.
func actorCaseOK(t token, n int) bool {
	if n > 1 {
		return true
	}
	for _, r := range t.text {
		if r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return len(t.text) >= 7
}

// selectCode applies PETRARCH-2's dated-role semantics with one fix: a
// valid dated code wins over an undated one wherever it is listed.
func selectCode(codes []dict.DatedCode, day int32, hasDay bool) string {
	if !hasDay {
		// Unknown date: prefer an open-ended role, else an undated one, else the last listed.
		best := ""
		for _, c := range codes {
			if c.Kind == dict.From {
				best = c.Code
			}
		}
		if best != "" {
			return best
		}
		for _, c := range codes {
			if c.Kind == dict.Always {
				return c.Code
			}
		}
		if len(codes) > 0 {
			return codes[len(codes)-1].Code
		}
		return ""
	}
	for _, c := range codes {
		if c.Kind != dict.Always && c.ValidAt(day) {
			return c.Code
		}
	}
	for _, c := range codes {
		if c.Kind == dict.Always {
			return c.Code
		}
	}
	return ""
}

// tag matches actors and agents, closed-class words and verbs.
func (a *analysis) tag() {
	lx := a.c.lx
	n := len(a.toks)
	a.cls = make([]wclass, n)
	a.ment = make([]int, n)
	a.verbs = make([][]verbInfo, n)
	a.isVerb = make([]bool, n)
	for i := range a.toks {
		a.ment[i] = -1
		t := &a.toks[i]
		if t.punct {
			a.cls[i] = wPunct
			if t.up == "," {
				a.cls[i] |= wComma
			}
			continue
		}
		a.cls[i] = closedWords[t.up]
		if isNumber(t.up) {
			a.cls[i] |= wNum
		}
		// "at least 40 police", "at most": a quantity, not a place
		if (t.up == "AT" && i+1 < len(a.toks) && (a.toks[i+1].up == "LEAST" || a.toks[i+1].up == "MOST")) || (t.up == "LEAST" || t.up == "MOST") && i > 0 && a.toks[i-1].up == "AT" {
			a.cls[i] = wNum
		}
		// (not a capitalised name inside the sentence: "John Kelly",
		// "James Cleverly")
		if strings.HasSuffix(t.up, "LY") && len(t.up) > 4 && a.cls[i] == 0 && lx.verbs[t.up] == nil && (!t.cap || i == 0) {
			a.cls[i] |= wAdv
		}
	}
	for i := 0; i < n; {
		if a.toks[i].punct {
			i++
			continue
		}
		aid, alen := lx.actors.match(a.toks, i)
		if aid < 0 && a.toks[i].cap && strings.HasSuffix(a.toks[i].up, "S") && len(a.toks[i].up) > 4 {
			// plural demonyms: "Albanians", "Israelis"
			for _, id := range lx.actors.first[strings.TrimSuffix(a.toks[i].up, "S")] {
				if len(lx.actors.words[id]) == 1 {
					aid, alen = id, 1
					break
				}
			}
		}
		if aid < 0 && a.toks[i].cap && strings.IndexByte(a.toks[i].up, '-') > 0 {
			// "Guinea-Bissau", "Burkina-Faso": a hyphenated word that
			// spells a dictionary phrase written with blanks
			aid = lx.actors.hyphenated(a.toks[i].up)
			if aid >= 0 {
				alen = 1
			}
		}
		if aid < 0 && a.toks[i].cap {
			// "a British-flagged tanker", "an Iranian-owned ship": the
			// country of registration or ownership
			if k := strings.LastIndexByte(a.toks[i].up, '-'); k > 0 && ownerSuffixes[a.toks[i].up[k:]] {
				for _, id := range lx.actors.first[a.toks[i].up[:k]] {
					if len(lx.actors.words[id]) == 1 {
						aid, alen = id, 1
						break
					}
				}
			}
		}
		if aid >= 0 && !actorCaseOK(a.toks[i], alen) {
			aid, alen = -1, 0
		}
		gid, glen := lx.agents.match(a.toks, i)
		if aid >= 0 && alen >= glen {
			info := lx.actorInfo[aid]
			code := selectCode(info.codes, a.day, a.hasDay)
			if code == "---" {
				code = ""
			}
			a.addMention(mention{start: i, end: i + alen, actor: true, code: code, name: info.name, phrase: strings.Join(lx.actors.words[aid], " ")})
			i += alen
			continue
		}
		if gid >= 0 && a.cls[i]&(wPron|wDet|wPrep|wAux) == 0 {
			a.addMention(mention{start: i, end: i + glen, code: lx.agentCode[gid], phrase: strings.Join(lx.agents.words[gid], " ")})
			i += glen
			continue
		}
		i++
	}
	// "North and South Korea": the first conjunct names the other Korea
	for i := 0; i+3 < n; i++ {
		if a.toks[i].up == "NORTH" && a.toks[i+1].up == "AND" && a.toks[i+2].up == "SOUTH" && a.ment[i] < 0 && a.ment[i+2] >= 0 && a.mentions[a.ment[i+2]].end == i+4 {
			if id, l := lx.actors.match([]token{{up: "NORTH"}, {up: a.toks[i+3].up}}, 0); id >= 0 && l == 2 {
				info := lx.actorInfo[id]
				if code := selectCode(info.codes, a.day, a.hasDay); code != "" && code != "---" {
					a.addMention(mention{start: i, end: i + 1, actor: true, code: code, name: info.name, phrase: "NORTH " + a.toks[i+3].up})
				}
			}
		}
	}
	// "ethnic Albanian political leaders" in Macedonia: an ethnic group is
	// no country's actor
	// "Kurdish rebel leader Abdullah Ocalan": a one-word name of an office
	// holder followed by a surname the dictionaries lack is someone else
	for i := 0; i < n; i++ {
		m := a.ment[i]
		if m < 0 || !a.mentions[m].actor || a.mentions[m].start != i {
			continue
		}
		mm := a.mentions[m]
		ethnic := i > 0 && a.toks[i-1].up == "ETHNIC" && len(mm.code) == 3
		// ("Hassan al-Turabi" is not Jordan's Prince Hassan; "Defence
		// Minister Vladimir Padrino" is no Russian region: a one-word place
		// after a title and before a surname is a first name)
		surname := mm.end < n && !a.toks[mm.end].punct && a.ment[mm.end] < 0 && !a.titleCase() &&
			(a.toks[mm.end].cap && len(a.toks[mm.end].up) > 2 && !monthWord(a.toks[mm.end].up) && !isWeekday(a.toks[mm.end].up) ||
				strings.HasPrefix(a.toks[mm.end].up, "AL-") || strings.HasPrefix(a.toks[mm.end].up, "EL-"))
		titled := i > 0 && a.ment[i-1] >= 0 && !a.mentions[a.ment[i-1]].actor
		// ("President Samia Suluhu Hassan": a one-word office holder after
		// a first name the dictionaries lack is that person's surname)
		forename := i > 1 && a.toks[i-1].cap && !a.toks[i-1].punct && a.ment[i-1] < 0 && len(a.toks[i-1].up) > 2 && !a.titleCase() &&
			a.cls[i-1] == 0 && !monthWord(a.toks[i-1].up) && !isWeekday(a.toks[i-1].up)
		office := len(mm.code) > 3 && hasSegment(mm.code, "GOV", "ELI", "OPP", "LEG")
		// (also after another country's named person: "Samia Suluhu" is
		// Tanzania's, her "Hassan" no Jordanian prince)
		if p := i - 1; p >= 0 && a.ment[p] >= 0 && a.ment[p] != m {
			pm := a.mentions[a.ment[p]]
			forename = forename || pm.actor && pm.end == i && pm.end-pm.start > 1 && len(pm.code) > 3 && countryOf(pm.code) != countryOf(mm.code) &&
				hasSegment(pm.code, "GOV", "ELI", "OPP", "LEG")
		}
		namesake := mm.end-mm.start == 1 && countryOf(mm.code) != "" &&
			(surname && (office || len(mm.code) == 3 && titled) || forename && office)
		// "Amazon Indians", "Mohawk Indians", "American Indians": native
		// peoples of the Americas, not India's people
		indigenous := mm.end-mm.start == 1 && a.up(i) == "INDIANS" && i > 1 && a.toks[i-1].cap && !a.toks[i-1].punct &&
			(a.ment[i-1] < 0 || a.up(i-1) == "AMERICAN" || a.up(i-1) == "NATIVE")
		if ethnic || namesake || indigenous {
			for k := mm.start; k < mm.end; k++ {
				a.ment[k] = -1
			}
		}
	}
	// "the U.N.-recognised government", "U.S.-backed fighters": the actor
	// before a backer participle modifies the noun that follows; it is
	// not the noun phrase's actor
	for i := 1; i+1 < n; i++ {
		if a.toks[i].up == "-" && backerWords[a.toks[i+1].up] && a.ment[i-1] >= 0 {
			m := a.ment[i-1]
			for k := a.mentions[m].start; k < a.mentions[m].end; k++ {
				a.ment[k] = -1
			}
			a.cls[i] |= wHyphen
		}
	}
	for i := range a.toks {
		if a.ment[i] >= 0 || a.toks[i].punct {
			continue
		}
		if a.cls[i]&(wDet|wPrep|wConj|wPron|wWh|wNum|wPoss|wNeg) != 0 && a.cls[i]&wAux == 0 {
			continue
		}
		if vs := lx.verbs[a.toks[i].up]; vs != nil {
			a.verbs[i] = vs
		}
	}
	for i := range a.toks {
		if a.verbs[i] != nil {
			a.isVerb[i] = a.verbContext(i)
		}
	}
}

func (a *analysis) addMention(m mention) {
	idx := len(a.mentions)
	a.mentions = append(a.mentions, m)
	for k := m.start; k < m.end; k++ {
		a.ment[k] = idx
	}
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	d := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			d++
		}
	}
	return d*2 >= len(s)
}

// formKind classifies an inflected verb form: 'g' -ING, 's' third person,
// 'd' past / participle, 'b' base.
func formKind(form, lemma string) byte {
	switch {
	case form == lemma:
		return 'b'
	case strings.HasSuffix(form, "ING"):
		return 'g'
	case strings.HasSuffix(form, "S") && !strings.HasSuffix(form, "SS") && (strings.HasPrefix(form, lemma) || strings.HasSuffix(form, "IES")):
		return 's'
	}
	return 'd'
}

// formKindAt classifies token i using its first reading without particles
// (a particle reading such as ATTACKED_AND_STABBED has the form as lemma).
func (a *analysis) formKindAt(i int) byte {
	if i < 0 || i >= len(a.verbs) || len(a.verbs[i]) == 0 {
		return 0 // no verb form ("joined X in the talks": IN before a noun)
	}
	vs := a.verbs[i]
	for _, v := range vs {
		if len(v.particles) == 0 {
			return formKind(a.toks[i].up, v.lemma)
		}
	}
	for _, v := range vs {
		if v.lemma != a.toks[i].up {
			return formKind(a.toks[i].up, v.lemma)
		}
	}
	return formKind(a.toks[i].up, vs[0].lemma)
}

// prevContent returns the index of the nearest token before i that is not an
// adverb or a time word/expression ("on Tuesday").
func (a *analysis) prevContent(i int) int {
	j := i - 1
	for j >= 0 {
		switch {
		case a.is(j, wAdv) && a.cls[j]&(wAux|wNeg) == 0:
			j--
		case a.is(j, wTime) && a.ment[j] < 0:
			j--
			if a.up(j) == "ON" || a.up(j) == "LAST" || a.up(j) == "THIS" || a.up(j) == "EARLY" {
				j--
			}
		case isNumber(a.up(j)) && a.is(j-1, wTime):
			j -= 2
			if a.up(j) == "ON" {
				j--
			}
		default:
			return j
		}
	}
	return j
}

// verbContext decides whether token i, which has verb readings, is a verb here.
func (a *analysis) verbContext(i int) bool {
	if a.cls[i]&wAux != 0 {
		return false
	}
	// "Sultan Qaboos bin Said", "Port Said": a name
	if a.up(i) == "SAID" && a.toks[i].cap {
		switch a.up(i - 1) {
		case "BIN", "BEN", "IBN", "ABU", "PORT":
			return false
		}
	}
	// a capitalised word inside a name: "the state-owned United Shipbuilding Corporation"
	if i > 0 && a.toks[i].cap && i+1 < len(a.toks) && a.toks[i+1].cap && !a.toks[i+1].punct && !a.titleCase() {
		return false
	}
	// "a U.S. Navy strike group", "the attack helicopters": a verb form
	// modifying a military noun is part of the noun phrase
	if i+1 < len(a.toks) && compoundHeads[a.up(i+1)] {
		return false
	}
	if i > 0 && a.cls[i-1]&wHyphen != 0 {
		return false
	}
	kind := a.formKindAt(i)
	// "Bombs ripped through two nightclubs", "Israeli artillery shells
	// slammed into homes": a plural right before a past-tense verb is its
	// subject
	if kind == 's' && i+1 < len(a.toks) && len(a.verbs[i+1]) > 0 && a.formKindAt(i+1) == 'd' && !strings.HasSuffix(a.toks[i+1].up, "ING") && a.cls[i+1]&wAux == 0 {
		return false
	}
	p := a.prevContent(i)
	if p < 0 {
		if kind == 's' && a.is(i+1, wAux) {
			return false // "Sanctions were imposed ...": a plural noun subject
		}
		if kind == 'd' && i+1 < len(a.toks) && a.toks[i+1].cap && !a.toks[i+1].punct {
			return false // "Ousted Haitian President Aristide accused ...": an adjective
		}
		return kind == 'd' || kind == 's' // headline style "Russia warns", rare at start
	}
	pu := a.up(p)
	pc := a.cls[p]
	switch {
	case pc&wTo != 0:
		return kind == 'b'
	case pc&(wDet|wPoss) != 0, pc&wNum != 0:
		return false
	case pc&wNeg != 0 || pc&wAux != 0:
		if kind == 'g' {
			return pc&wBe != 0
		}
		return true
	case pc&wPrep != 0:
		// "responded by firing rockets", "retaliated by expelling"; "told
		// reporters after meeting Putin": a gerund with its own object
		if kind == 'g' && (pu == "AFTER" || pu == "BEFORE" || pu == "WHILE" || pu == "UPON") && i+1 < len(a.toks) && a.ment[i+1] >= 0 && a.mentions[a.ment[i+1]].actor {
			return true
		}
		// ("retaliated on Wednesday by ordering ...": the time between)
		if kind == 'g' && pu == "BY" {
			v := a.prevContent(p)
			return v >= 0 && a.isVerb[v] && a.formKindAt(v) == 'd'
		}
		return false
	case a.isVerb[p] && kind == 'd' && a.formKindAt(p) != 's':
		return false // "reject proposed changes"
	}
	switch kind {
	case 'g':
		// "has begun sending troops", "resumed shelling": the gerund of
		// an aspect verb carries the event
		if a.isVerb[p] && aspectLemmas[a.verbs[p][0].lemma] {
			return true
		}
		// ", freezing his assets and calling him a dictator": a second
		// participle coordinated with one set off by a comma
		if a.up(p) == "AND" && participleLemmas[a.verbs[i][0].lemma] && a.commaGerundBefore(p) {
			return true
		}
		// a participle clause after the main clause: ", accusing it of ..."
		return a.is(p, wComma) && p > 0 && participleLemmas[a.verbs[i][0].lemma]
	case 'd':
		return true
	case 's':
		// "guerrilla positions", "rebel bases": a plural after an agent
		// modifier is the noun it modifies
		if agentHeads[a.up(i)] && a.ment[p] >= 0 && !a.mentions[a.ment[p]].actor && a.mentions[a.ment[p]].end == i {
			return false
		}
		// "in retaliation for Western sanctions": a capitalised modifier
		// right after a preposition makes a noun phrase
		if a.ment[p] < 0 && a.toks[p].cap && p > 0 && a.is(p-1, wPrep) {
			return false
		}
		if a.ment[p] >= 0 && a.inObjectNP(a.mentions[a.ment[p]].start) {
			return false // "conducting military exercises"
		}
		// "several Arab allies", "the Gulf states", "three London
		// Underground trains": capitalised modifiers after a determiner or
		// quantity word make a noun phrase
		if a.ment[p] < 0 && a.toks[p].cap && p > 0 {
			k := p - 1
			for k > 0 && a.toks[k].cap && !a.toks[k].punct && p-k < 4 {
				k--
			}
			if a.is(k, wDet|wNum) || quantWords[a.up(k)] {
				return false
			}
		}
		return a.ment[p] >= 0 || pc&(wPron|wWh) != 0 || a.toks[p].cap || pu == ")" || (pc&wAdv != 0)
	default: // base
		if a.ment[p] >= 0 {
			m := a.mentions[a.ment[p]]
			if a.inObjectNP(m.start) {
				return false
			}
			k := m.start - 1
			for k >= 0 && a.is(k, wDet) {
				k--
			}
			if a.up(k) == "THAT" {
				return true // subjunctive: "demanded that Japan apologize"
			}
			return !m.actor || strings.HasSuffix(a.toks[p].up, "S") || a.conjoined(p) || samePast[a.toks[i].up]
		}
		return pc&(wPron|wWh) != 0 && pu != "IT" && pu != "HE" && pu != "SHE"
	}
}

// compoundHeads are nouns that a verb form before them modifies.
var compoundHeads = map[string]bool{"GROUP": true, "GROUPS": true, "HELICOPTER": true, "HELICOPTERS": true, "AIRCRAFT": true, "SUBMARINE": true, "SUBMARINES": true,
	"AGREEMENT": true, "PACKAGE": true, "PROGRAMME": true, "PROGRAM": true, "CONVOY": true, "CONVOYS": true,
	"WORKERS": true, "AGENCY": true, "AGENCIES": true, "SHIPMENT": true, "SHIPMENTS": true}

// inObjectNP reports whether the noun phrase around token s follows a verb
// or a preposition (an object), so a verb-like word after it is a noun.
func (a *analysis) inObjectNP(s int) bool {
	k := s - 1
	// (capitalised modifiers too: "bombed Kurdish militia positions")
	for k >= 0 && (a.is(k, wDet|wNum) || a.ment[k] >= 0 || !a.toks[k].punct && a.cls[k] == 0 && a.verbs[k] == nil && (!a.toks[k].cap || k > 0) ||
		// coordinated modifiers: "struck Iranian and Syrian targets"
		(a.up(k) == "AND" || a.up(k) == "OR") && k > 0 && a.ment[k-1] >= 0 && a.ment[k+1] >= 0) {
		k--
	}
	return k >= 0 && (a.isVerb[k] || a.is(k, wPrep) && a.up(k) != "THAN")
}

// conjoined reports whether the NP ending at p is coordinated ("A and B").
func (a *analysis) conjoined(p int) bool {
	for j := p; j >= 0 && j > p-8; j-- {
		if a.up(j) == "AND" {
			return true
		}
		if a.is(j, wPunct) && !a.is(j, wComma) {
			return false
		}
	}
	return false
}

// chunkTokens builds noun chunks.
func (a *analysis) chunkTokens() {
	n := len(a.toks)
	a.chunkOf = make([]int, n)
	for i := range a.chunkOf {
		a.chunkOf[i] = -1
	}
	inNP := func(i int) bool {
		if a.cls[i]&wHyphen != 0 {
			return true
		}
		if a.isVerb[i] || a.toks[i].punct && a.toks[i].up != "$" {
			return false
		}
		c := a.cls[i]
		if a.ment[i] >= 0 {
			return true
		}
		if c&(wPrep|wConj|wAux|wNeg|wWh) != 0 && c&wDet == 0 {
			return false
		}
		if c&wPron != 0 {
			return false
		}
		// "adviser Tom Bossert publicly blamed Pyongyang": an adverb before
		// a verb belongs to the verb
		if c&wAdv != 0 && c&wTime == 0 && i+1 < n && a.isVerb[i+1] {
			return false
		}
		return true
	}
	i := 0
	for i < n {
		if a.is(i, wPron) && a.ment[i] < 0 || a.is(i, wObjPron) && a.ment[i] < 0 && a.up(i) != "US" {
			ch := chunk{start: i, end: i + 1, pron: a.up(i)}
			ch.prep = a.prepBefore(i)
			a.chunkOf[i] = len(a.chunks)
			a.chunks = append(a.chunks, ch)
			i++
			continue
		}
		if !inNP(i) {
			i++
			continue
		}
		j := i
		for j < n {
			// "said on Wednesday the United States would": a time word ends
			// its noun phrase before a determiner or an actor
			if j > i && a.is(j-1, wTime) && a.ment[j-1] < 0 && (a.is(j, wDet) && a.up(j) != "THIS" && a.up(j) != "THAT" || a.ment[j] >= 0 && a.mentions[a.ment[j]].actor) {
				break
			}
			if inNP(j) {
				j++
				continue
			}
			// "of" inside a noun phrase: "hundreds of UN troops", "the city of Homs"
			if a.up(j) == "OF" && j+1 < n && inNP(j+1) && j > i {
				j++
				continue
			}
			break
		}
		ch := chunk{start: i, end: j, prep: a.prepBefore(i)}
		ch.time = a.isTimeChunk(i, j)
		for k := i; k < j; k++ {
			a.chunkOf[k] = len(a.chunks)
		}
		a.chunks = append(a.chunks, ch)
		i = j
	}
}

func (a *analysis) prepBefore(i int) string {
	p := i - 1
	if p < 0 || !a.is(p, wPrep) || a.ment[p] >= 0 {
		return ""
	}
	u := a.up(p)
	// quantity phrases: "more than 100", "up to 100", "about 70", "over 200"
	switch {
	case u == "THAN" && (a.up(p-1) == "MORE" || a.up(p-1) == "LESS" || a.up(p-1) == "FEWER"):
		return a.prepBefore(p - 1)
	case u == "TO" && a.up(p-1) == "UP":
		return a.prepBefore(p - 1)
	case (u == "ABOUT" || u == "OVER" || u == "AROUND" || u == "UP") && a.is(i, wNum):
		return a.prepBefore(p)
	}
	return u
}

// isTimeChunk: every content word is a time word or number.
func (a *analysis) isTimeChunk(i, j int) bool {
	seen := false
	for k := i; k < j; k++ {
		switch {
		case a.is(k, wTime) && a.ment[k] < 0:
			seen = true
		case a.is(k, wNum|wDet), a.up(k) == "OF", a.up(k) == "THIS", a.up(k) == "LAST":
		default:
			return false
		}
	}
	return seen
}

// resolve computes the actor of a chunk: the rightmost actor (a later code
// that refines an earlier one wins), with the chunk's agents appended. An
// agent-only chunk takes the actor of a following "in/from/of" chunk, else
// gets the unknown country "---".
func (a *analysis) resolve(ci int) *chunk {
	ch := &a.chunks[ci]
	if ch.resolved {
		return ch
	}
	ch.resolved = true
	var actor, name string
	follower := false
	var agents []string
	var ev []string
	for k := ch.start; k < ch.end; {
		mi := a.ment[k]
		if mi < 0 {
			// "protesters demanding the resignation of Prime Minister
			// Gyurcsany": a present participle after an agent starts a
			// modifier, whose actors are not the agent's
			if len(agents) > 0 && k > ch.start && a.agentParticiple(k, ch.end) {
				break
			}
			if a.up(k) == "OF" && actor != "" {
				break // "an Islamic State target southwest of Baghdad": the head is before "of"
			}
			if a.up(k) == "OF" && k > ch.start && followerHeads[a.up(k-1)] {
				follower = true // "supporters of President Trump": people of his country, not his office
			}
			k++
			continue
		}
		m := a.mentions[mi]
		k = m.end
		if m.actor {
			if m.code == "" {
				continue
			}
			ev = append(ev, "actor:"+m.phrase+"="+m.code)
			// "Saudi Arabia's King Abdullah": the possessor country names
			// which holder of an ambiguous name the text means
			// ("the Philippine Senate": a one-word institution after another
			// country's adjective is that country's, not the U.S. Senate)
			adjective := m.end-m.start == 1 && m.start >= 1 && a.ment[m.start-1] >= 0 && a.mentions[a.ment[m.start-1]].end == m.start
			if len(actor) == 3 && len(m.code) > 3 && m.code[:3] != actor && countryOf(actor) != "" && countryOf(m.code) != "" && m.start >= 1 && (a.up(m.start-1) == "'S" || adjective) {
				actor, name = actor+m.code[3:], m.name
				continue
			}
			if actor == "" || !strings.HasPrefix(m.code, actor) || len(m.code) > len(actor) {
				if actor != "" && strings.HasPrefix(actor, m.code) {
					continue // "Syrian President Assad ... Syria" keeps the finer code
				}
				actor, name = m.code, m.name
			}
			continue
		}
		ev = append(ev, "agent:"+m.phrase+"="+m.code)
		agents = append(agents, m.code)
		if actor != "" && (strings.HasSuffix(m.phrase, " IN") || strings.HasSuffix(m.phrase, " TO")) {
			break // "the Japanese embassy in Beijing": the place after IN is not the owner
		}
	}
	// "a French-drafted Security Council resolution": a document's
	// drafter is its actor, not the body it is put to
	if au := a.draftAuthor(ch); au != "" {
		actor, name = au, ""
	}
	// ("the embassy in Beijing" is Chinese; "a civilian nuclear
	// cooperation agreement in Washington" is no actor at all)
	if actor == "" && len(agents) > 0 && ci+1 < len(a.chunks) && !thingHeads[a.up(ch.end-1)] && !reciprocalNouns[a.up(ch.end-1)] {
		nx := &a.chunks[ci+1]
		if nx.start == ch.end+1 && (nx.prep == "IN" || nx.prep == "INSIDE" || nx.prep == "FROM" || nx.prep == "OF") {
			if r := a.resolve(ci + 1); r.hasActor && !strings.HasPrefix(r.actor.Code, "---") {
				actor, name = r.actor.Code, r.actor.Name
				ev = append(ev, r.evidence...)
			}
		}
	}
	// "its troops", "their forces": the possessor is the nearest actor before
	if actor == "" && len(agents) > 0 && possessivePron[a.up(ch.start)] {
		if p := a.antecedent(ci); p != "" {
			actor, name = p, ""
			ch.possessed = true
		}
	}
	if actor == "" && len(agents) == 0 {
		return ch
	}
	if follower && len(actor) >= 3 && actor[:3] != "IGO" && actor[:3] != "IMG" && actor[:3] != "---" {
		// "Thousands of supporters of former President Bolsonaro": his
		// followers, not his office
		actor, agents = actor[:3], []string{"~OPP"}
	}
	// "The International Syria Support Group": a country named inside a
	// capitalised name the dictionaries do not know is no actor
	if len(agents) == 0 && a.unknownName(ch) {
		return ch
	}
	// "Hungarian and Romanian officials": the first adjective shares the agents
	if actor != "" && len(agents) == 0 && (a.up(ch.end) == "AND" || a.up(ch.end) == "OR") && ci+1 < len(a.chunks) && a.chunks[ci+1].start == ch.end+1 {
		if nx := a.resolve(ci + 1); nx.hasActor && len(nx.agents) > 0 && a.ment[ch.end-1] >= 0 {
			agents = append(agents, nx.agents...)
		}
	}
	// an agent that only modifies the head noun ("military exercises") is no actor
	if actor == "" {
		h := ch.end - 1
		// "the ruling party of the northern Tigray region": the head is
		// before OF
		if hb := a.headBeforeOf(ci); hb < h && a.ment[hb] >= 0 {
			h = hb
		}
		for h > ch.start && a.is(h, wPoss) {
			h--
		}
		// "protesters barricaded inside a campus": a participle after the
		// head noun modifies it
		// (or "crowds trying to bring aid": a present participle)
		if h > ch.start && a.ment[h] < 0 && a.ment[h-1] >= 0 && (strings.HasSuffix(a.up(h), "ED") || strings.HasSuffix(a.up(h), "ING") && a.up(h+1) == "TO" && a.isVerbAt(h+2)) && !a.toks[h].cap {
			h--
		}
		// "Rioters demanding faster democratic reform": a present
		// participle after an agent starts its modifier
		// (with words of its own after it: "[migrants heading]" stays
		// no actor)
		for k := ch.start; k+1 < h; k++ {
			if a.agentParticiple(k+1, h+1) {
				h = k
				break
			}
		}
		if a.ment[h] < 0 && !agentHeads[a.up(h)] {
			// "Sudanese Vice President Ali Osman Taha and southern rebel
			// leader John Garang": a titled person of no known country,
			// coordinated with a national actor, is of that country
			c := a.titledConjunct(ci, h)
			if c == "" {
				return ch
			}
			actor, name = c, ""
			ev = append(ev, "country:coordinated with "+c)
		}
	}
	ch.agents = agents
	if actor == "" {
		actor = "---"
	}
	code := actor
	if len(agents) > 1 {
		kept := agents[:0:0]
		for _, g := range agents {
			if g != "~PPL" {
				kept = append(kept, g)
			}
		}
		agents = kept
	}
	named := len(actor) > 3 && actor != "---"
	for _, g := range agents {
		switch {
		case strings.HasPrefix(g, "~"):
			suf := g[1:]
			// "U.S. Defense Secretary Ashton Carter": a named actor's own
			// sector wins over a title that restates it (~GOVMIL)
			if named && sharesSegment(actor, suf) {
				continue
			}
			if !strings.Contains(code, suf) {
				code += suf
			}
		case strings.HasSuffix(g, "~"): // IGO~ peacekeepers: a force of an IGO, or of the actor
			if actor == "---" {
				code = strings.TrimSuffix(g, "~")
			}
		}
	}
	if code == "---" {
		return ch
	}
	ch.hasActor = true
	ch.actor = schema.Actor{Code: code, Name: actorName(name, code)}
	ch.evidence = ev
	return ch
}

// agentParticiple reports a present participle at k, right after an
// agent word and with words of its own before end: "rioters demanding
// reform" ("[migrants heading]" has none).
func (a *analysis) agentParticiple(k, end int) bool {
	return k > 0 && k+1 < end && a.ment[k] < 0 && a.ment[k-1] >= 0 && !a.mentions[a.ment[k-1]].actor &&
		strings.HasSuffix(a.up(k), "ING") && !a.toks[k].cap
}

// titledConjunct returns the country of the national actor coordinated
// before chunk ci ("A and rebel leader John Garang") when ci is an agent
// title followed by a capitalised name ending at h, or "".
func (a *analysis) titledConjunct(ci, h int) string {
	ch := &a.chunks[ci]
	if ci == 0 || a.up(ch.start-1) != "AND" || !a.toks[h].cap {
		return ""
	}
	// the name: capitalised words after the last agent word
	k := h
	for k > ch.start && a.ment[k] < 0 && a.toks[k].cap {
		k--
	}
	if k == h || a.ment[k] < 0 || a.mentions[a.ment[k]].actor {
		return ""
	}
	prev := ci - 1
	if a.chunks[prev].end != ch.start-1 || a.chunks[prev].prep != "" {
		return ""
	}
	r := a.resolve(prev)
	if !r.hasActor || len(r.actor.Code) < 3 {
		return ""
	}
	return countryOf(r.actor.Code)
}

// draftAuthor returns the code of the actor named in an authoring
// compound ("French-drafted", "U.S.-sponsored") of a chunk whose head is a
// document (a resolution, draft, text, plan or proposal), or "".
func (a *analysis) draftAuthor(ch *chunk) string {
	switch a.up(ch.end - 1) {
	case "RESOLUTION", "DRAFT", "TEXT", "PLAN", "PROPOSAL", "MOTION", "BILL":
	default:
		return ""
	}
	for k := ch.start; k < ch.end-1; k++ {
		u := a.up(k)
		if !(strings.HasSuffix(u, "-DRAFTED") || strings.HasSuffix(u, "-SPONSORED") || strings.HasSuffix(u, "-PROPOSED") || strings.HasSuffix(u, "-AUTHORED")) {
			continue
		}
		if mi := a.ment[k]; mi >= 0 && a.mentions[mi].actor && countryOf(a.mentions[mi].code) != "" {
			return a.mentions[mi].code
		}
	}
	return ""
}

// soleCountry returns the one country the sentence's actor mentions name
// (a country, its people, places or office holders), or "" when they name
// none, several, or an international body.
func (a *analysis) soleCountry() string {
	c := ""
	for _, m := range a.mentions {
		if !m.actor || m.code == "" {
			continue
		}
		mc := countryOf(m.code)
		if mc == "" {
			if !strings.HasPrefix(m.code, "---") {
				return ""
			}
			continue
		}
		if c != "" && mc != c {
			return ""
		}
		c = mc
	}
	return c
}

// agentHeads are head nouns that let an agent modifier stand for its group:
// "rebel positions" are the rebels.
var agentHeads = map[string]bool{
	"POSITIONS": true, "POSITION": true, "BASES": true, "BASE": true, "CAMP": true, "CAMPS": true,
	"STRONGHOLD": true, "STRONGHOLDS": true, "TARGETS": true, "HIDEOUT": true, "HIDEOUTS": true,
	"FIGHTERS": true, "LEADER": true, "LEADERS": true, "COMMANDER": true, "COMMANDERS": true, "CONVOY": true,
	"CONVOYS": true, "VEHICLES": true, "UNITS": true, "UNIT": true, "MEMBERS": true, "SUPPORTERS": true,
	"OFFICIALS": true, "OFFICIAL": true, "SPOKESMAN": true, "SPOKESWOMAN": true, "CHIEF": true, "HEAD": true,
	"DELEGATION": true, "OFFICERS": true, "PERSONNEL": true, "STAFF": true, "POSTS": true, "CHECKPOINT": true,
	"CHECKPOINTS": true, "GROUP": true, "GROUPS": true, "FACTION": true, "FACTIONS": true, "TERRITORY": true,
	// buildings stand for who works in them: "the compound of the prime
	// minister's office"
	"COMPOUND": true, "OFFICE": true, "OFFICES": true, "RESIDENCE": true, "HEADQUARTERS": true,
}

func actorName(name, code string) string {
	if name != "" {
		return name
	}
	return code
}

var possessivePron = map[string]bool{"ITS": true, "THEIR": true, "HIS": true, "HER": true}

// antecedent returns the country part of the nearest actor chunk before
// chunk ci (skipping other possessed chunks), or "".
func (a *analysis) antecedent(ci int) string {
	for p := ci - 1; p >= 0; p-- {
		pc := &a.chunks[p]
		if pc.time || pc.pron != "" || possessivePron[a.up(pc.start)] {
			continue
		}
		r := a.resolve(p)
		if !r.hasActor || strings.HasPrefix(r.actor.Code, "---") {
			continue
		}
		c := r.actor.Code
		if len(c) > 3 && !strings.HasPrefix(c, "IGO") && !strings.HasPrefix(c, "IMG") && !strings.HasPrefix(c, "NGO") {
			c = c[:3]
		}
		return c
	}
	return ""
}

// samePast are verbs whose past tense is the base form: after a singular
// subject the form is a past tense ("Bahrain cut ties").
var samePast = map[string]bool{"CUT": true, "HIT": true, "PUT": true, "SET": true, "SHUT": true, "QUIT": true,
	"SPREAD": true, "BID": true, "CAST": true, "HURT": true, "LET": true, "UPSET": true, "SPLIT": true,
	"BURST": true, "SHED": true, "THRUST": true, "BROADCAST": true, "BEAT": true, "READ": true, "OUTBID": true}

// titleCase reports a headline written in title case (few lower-case words).
func (a *analysis) titleCase() bool {
	if a.tc != 0 {
		return a.tc > 0
	}
	lower := 0
	for _, t := range a.toks {
		if !t.punct && !t.cap && a.cls != nil && len(t.text) > 3 {
			lower++
		}
	}
	a.tc = 1
	if lower >= 2 {
		a.tc = -1
	}
	return a.tc > 0
}

// participleLemmas may head a participle clause whose subject is the main
// clause's subject (", accusing it of ...", ", calling him a dictator").
var participleLemmas = map[string]bool{
	"ACCUSE": true, "CALL": true, "CRITICIZE": true, "CRITICISE": true, "CONDEMN": true, "BLAME": true,
	"URGE": true, "WARN": true, "THREATEN": true, "DEMAND": true, "PRAISE": true, "DENOUNCE": true,
	"THANK": true, "CHARGE": true, "BRAND": true,
}

// sharesSegment reports whether the three-letter segments of suf overlap
// the sector segments of code (after its country part).
func sharesSegment(code, suf string) bool {
	for i := 0; i+3 <= len(suf); i += 3 {
		for k := 3; k+3 <= len(code); k += 3 {
			if suf[i:i+3] == code[k:k+3] {
				return true
			}
		}
	}
	return false
}

// unknownName reports a chunk whose head is an unknown capitalised name
// with an actor mention inside it: capitalised non-actor words on both
// sides of the mention ("International Syria Support Group"), in a sentence
// not written in title case.
func (a *analysis) unknownName(ch *chunk) bool {
	h := ch.end - 1
	if h <= ch.start || a.ment[h] >= 0 || !a.toks[h].cap || a.toks[h].punct || a.titleCase() {
		return false
	}
	k := h
	for k >= ch.start && a.ment[k] < 0 {
		if !a.toks[k].cap || a.toks[k].punct {
			return false
		}
		k--
	}
	if k < ch.start || h-k < 2 || !a.mentions[a.ment[k]].actor {
		return false
	}
	b := a.mentions[a.ment[k]].start - 1
	return b >= ch.start && b > 0 && a.ment[b] < 0 && a.toks[b].cap && !a.toks[b].punct
}

// ownerSuffixes end a hyphenated modifier that names the country of
// registration or ownership of a thing ("British-flagged", "U.S.-based").
// commaGerundBefore reports a gerund right after a comma within the dozen
// words before position p.
func (a *analysis) commaGerundBefore(p int) bool {
	for k := p - 1; k > 0 && k >= p-12; k-- {
		if a.verbs[k] != nil && a.formKindAt(k) == 'g' && a.is(k-1, wComma) {
			return true
		}
	}
	return false
}

// aspectLemmas take a gerund that names the event.
var aspectLemmas = map[string]bool{"BEGIN": true, "START": true, "CONTINUE": true, "RESUME": true, "KEEP": true}

// backerWords follow an actor and a hyphen in a compound modifier that
// names who stands behind the noun, not the noun's actor (an author stays:
// "vetoed a U.S.-drafted resolution" rejects the United States).
var backerWords = map[string]bool{"BACKED": true, "RECOGNISED": true, "RECOGNIZED": true, "DONATED": true,
	"BROKERED": true, "MEDIATED": true, "HOSTED": true, "ORGANISED": true, "ORGANIZED": true,
	"FUNDED": true, "TRAINED": true, "ARMED": true, "SUPPORTED": true, "ALLIED": true, "INSPIRED": true,
	"SUPPLIED": true, "PROVIDED": true, "APPOINTED": true, "INSTALLED": true, "FINANCED": true, "EQUIPPED": true}

var ownerSuffixes = map[string]bool{"-FLAGGED": true, "-OWNED": true, "-REGISTERED": true, "-BASED": true,
	"-CONTROLLED": true, "-ADMINISTERED": true, "-RULED": true,
	// "a U.S.-sponsored draft", "an Algerian-drafted resolution": a draft is
	// its author's
	"-DRAFTED": true, "-SPONSORED": true}

// quantWords quantify a following noun phrase.
var quantWords = map[string]bool{"SEVERAL": true, "MANY": true, "SOME": true, "OTHER": true, "ALL": true, "BOTH": true,
	"FEW": true, "VARIOUS": true, "NUMEROUS": true}

// followerHeads are people named by whom they follow or oppose ("supporters
// of President Trump").
var followerHeads = map[string]bool{"SUPPORTERS": true, "OPPONENTS": true, "CRITICS": true, "FOLLOWERS": true,
	"LOYALISTS": true, "FAMILIES": true, "RELATIVES": true, "ADMIRERS": true, "FANS": true}
