package coder

import (
	"slices"
	"strings"

	"github.com/dyadgraph/dyad/schema"
)

// chooseVariant picks the verb reading at token i: a reading whose particles
// follow the verb wins over one without particles.
func (a *analysis) chooseVariant(i int) (verbInfo, int, bool) {
	var plain *verbInfo
	for k := range a.verbs[i] {
		v := &a.verbs[i][k]
		if len(v.particles) == 0 {
			if plain == nil {
				plain = v
			}
			continue
		}
		j := i + 1
		ok := true
		for _, p := range v.particles {
			if a.up(j) != p {
				ok = false
				break
			}
			j++
		}
		if ok {
			return *v, j - 1, true
		}
	}
	if plain != nil {
		return *plain, i, true
	}
	return verbInfo{}, i, false
}

// buildGroups finds verb groups left to right.
func (a *analysis) buildGroups() []*group {
	var out []*group
	used := make([]bool, len(a.toks))
	for i := range a.toks {
		if !a.isVerb[i] || used[i] {
			continue
		}
		g := a.makeGroup(i)
		if g == nil {
			continue
		}
		for k := g.first; k <= g.last; k++ {
			used[k] = true
		}
		for c := g.comp; c != nil; c = c.comp {
			for k := c.first; k <= c.last; k++ {
				used[k] = true
			}
		}
		out = append(out, g)
	}
	return out
}

func (a *analysis) makeGroup(i int) *group {
	vi, last, ok := a.chooseVariant(i)
	if !ok {
		return nil
	}
	g := &group{first: i, head: i, last: last, verb: vi, coded: true, ctrlChunk: -1}
	kind := a.formKindAt(i)
	// auxiliaries and negation to the left
	be := false
	for j := i - 1; j >= 0; j-- {
		c := a.cls[j]
		if a.ment[j] >= 0 {
			break // "Theresa May met ...": a name, not a modal
		}
		switch {
		case c&wNeg != 0:
			g.neg = true
		case c&wModal != 0:
			u := a.up(j)
			if u == "WILL" || u == "WOULD" || u == "SHALL" || u == "'LL" || u == "WO" {
				g.future = true
			}
			if u == "MUST" || u == "SHOULD" {
				g.must = true
			}
			// "a deal that could allow Beijing to station warships": a
			// possibility, not an event
			if u == "MIGHT" || u == "MAY" || u == "COULD" {
				g.spec = true
			}
		case c&wHave != 0:
			g.perfect = true
		case c&wBe != 0:
			be = true
		case c&wDo != 0:
		case c&wAdv != 0 && c&wTime == 0:
		default:
			goto done
		}
		g.first = j
	}
done:
	if be && kind == 'd' {
		g.passive = true
	}
	// (a simple past that is no participle, "blew", "took", "drove",
	// is finite: "A truck packed with explosives blew up")
	g.bare = g.first == g.head && kind == 'd' && !pastOnlyForms[a.up(g.head)]
	if g.bare && a.up(g.last+1) == "BY" && !meansNouns[a.up(g.last+2)] {
		g.passive = true // reduced relative: "victims killed by the crash"
	}
	// "there were ten soldiers killed"
	if g.bare {
		if ci := a.chunkAt(g.first - 1); ci >= 0 {
			s := a.chunks[ci].start
			if a.is(s-1, wBe) && a.up(s-2) == "THERE" {
				g.passive = true
			}
		}
	}
	// "sending combat troops to defend Ukraine was not on the table":
	// an option ruled out
	for j := g.last + 1; j+3 < len(a.toks); j++ {
		if a.toks[j].up == ";" {
			break
		}
		if (a.up(j) == "NOT" && a.up(j+1) == "ON" || a.up(j) == "OFF") && a.up(j+2) == "THE" && a.up(j+3) == "TABLE" || a.up(j) == "OFF" && a.up(j+1) == "THE" && a.up(j+2) == "TABLE" {
			g.neg = true
			break
		}
	}
	// "no plans to", "has no intention of"
	for j := g.first - 1; j >= 0 && j >= g.first-4; j-- {
		if a.up(j) == "NO" && (a.up(j+1) == "PLANS" || a.up(j+1) == "PLAN" || a.up(j+1) == "INTENTION") {
			g.neg = true
		}
	}
	// "no decision on whether U.S. officials would boycott", "dismissing
	// speculation that Athens would seek a bailout": an open question or
	// a rumour is no event
	for j := g.first - 1; j >= 0 && j >= g.first-12; j-- {
		u := a.up(j)
		if a.toks[j].punct || a.isVerb[j] && a.ment[j] < 0 {
			break
		}
		if u == "WHETHER" || u == "THAT" && j > 0 && hearsayNouns[a.up(j-1)] {
			g.spec = true
			break
		}
	}
	// infinitive complement: V1 [NP] to V2, or BE ready/scheduled to V2
	j := g.last + 1
	for j < len(a.toks) {
		if a.is(j, wAdv) {
			j++
			continue
		}
		if k := a.timeSpan(j); k > j {
			j = k
			continue
		}
		// "threatened at the United Nations on Tuesday to destroy", "agreed
		// at a U.S.-hosted conference in Annapolis on Tuesday to launch":
		// place adjuncts between a subject-control verb and its infinitive
		if subjectControl[controlLemmas[vi.lemma]] {
			if k := a.adjunctsToInfinitive(j); k > j {
				j = k
				continue
			}
		}
		break
	}
	if a.up(j) != "TO" {
		// control object: "urged Greece to", "wants Putin to"
		ctl := controlLemmas[vi.lemma]
		objControl := ctl == ctlAppeal || ctl == ctlWant || ctl == ctlDemand || ctl == ctlCause
		if ci := a.chunkAt(j); !objControl {
		} else if ci >= 0 && a.chunks[ci].prep == "" && a.chunks[ci].end-a.chunks[ci].start <= 8 {
			k := a.chunks[ci].end
			if t := a.timeSpan(k); t > k && a.up(t) == "TO" { // "ordered China on Wednesday to close"
				k = t
			}
			if a.up(k) == "TO" && a.isVerbAt(k+1) {
				g.ctrlChunk = ci
				j = k
			}
		} else if a.up(j) == "ON" || a.up(j) == "UPON" { // "called on X to"
			if ci := a.chunkAt(j + 1); ci >= 0 {
				k := a.chunks[ci].end
				if a.up(k) == "TO" && a.isVerbAt(k+1) {
					g.ctrlChunk = ci
					j = k
				}
			}
		}
	}
	if a.up(j) == "TO" && a.isVerbAt(j+1) {
		if c := a.makeComplement(j + 1); c != nil {
			g.comp = c
		}
	}
	return g
}

// adjunctsToInfinitive skips up to three place or time adjuncts ("at a
// conference in Annapolis on Tuesday") from j and returns the position of
// the TO of an infinitive after them, or j.
func (a *analysis) adjunctsToInfinitive(j int) int {
	k := j
	for n := 0; n < 4; n++ {
		if a.up(k) == "TO" && a.isVerbAt(k+1) {
			if k == j {
				return j
			}
			return k
		}
		if t := a.timeSpan(k); t > k {
			k = t
			continue
		}
		u := a.up(k)
		ci := a.chunkAt(k + 1)
		if ci < 0 || (u != "AT" && u != "IN" && u != "DURING") || a.chunks[ci].start != k+1 || a.chunks[ci].end-a.chunks[ci].start > 6 {
			return j
		}
		k = a.chunks[ci].end
	}
	return j
}

// subjectControl are the control kinds whose infinitive's subject is the
// verb's subject.
var subjectControl = map[int]bool{ctlIntent: true, ctlThreat: true, ctlRefuse: true}

// particles complete a verb ("shot down", "carried out"); a chunk after
// one is the verb's object, not a prepositional phrase.
var particles = map[string]bool{"DOWN": true, "UP": true, "OFF": true, "OUT": true}

// hearsayNouns introduce a that-clause that reports no fact.
var hearsayNouns = map[string]bool{"ALLEGATIONS": true, "ALLEGATION": true, "SPECULATION": true, "RUMOURS": true, "RUMORS": true, "RUMOUR": true, "RUMOR": true, "SUGGESTIONS": true}

// timeSpan returns the end of a time expression starting at i ("on Monday",
// "Tuesday", "last week"), or i.
func (a *analysis) timeSpan(i int) int {
	j := i
	if a.is(j, wPrep) && a.up(j) != "TO" {
		j++
	}
	if ci := a.chunkAt(j); ci >= 0 && a.chunks[ci].time && a.chunks[ci].start == j {
		return a.chunks[ci].end
	}
	return i
}

func (a *analysis) isVerbAt(i int) bool {
	for i < len(a.toks) && a.is(i, wAdv) {
		i++
	}
	return i < len(a.toks) && a.verbs[i] != nil && a.ment[i] < 0
}

func (a *analysis) makeComplement(i int) *group {
	for i < len(a.toks) && a.is(i, wAdv) {
		i++
	}
	if i >= len(a.toks) || a.verbs[i] == nil {
		return nil
	}
	a.isVerb[i] = true
	g := a.makeGroup(i)
	if g != nil {
		g.first = i
		g.inComplement = true
	}
	return g
}

func (a *analysis) chunkAt(i int) int {
	if i < 0 || i >= len(a.toks) {
		return -1
	}
	return a.chunkOf[i]
}

// subjectOf finds the subject chunk of a group: the nearest chunk to the
// left that is not a prepositional object; relative pronouns and "that"
// complementizers are crossed or stop the search as appropriate.
func (a *analysis) subjectOf(g *group, floor int) int {
	j := g.first - 1
	// "agreed to ban imports of Iranian oil and to freeze the assets": a
	// coordinated infinitive has the subject of the verb of the first one
	if j > floor+1 && a.up(j) == "TO" && a.up(j-1) == "AND" {
		for k := j - 2; k > floor && k > j-25; k-- {
			if a.up(k) == "TO" && a.isVerbAt(k+1) {
				for m := k - 1; m >= floor && m > k-12; m-- {
					if a.isVerb[m] && a.chunkOf[m] < 0 {
						return a.subjectOf(&group{first: m, head: m, last: m}, floor)
					}
				}
				break
			}
		}
	}
	if j > floor && (a.up(j) == "AND" || a.up(j) == "OR") && a.ment[j] < 0 && !g.inComplement {
		if s, ok := a.sharedSubject(g, j, floor); ok {
			return s
		}
	}
	skipped := false
	for j >= floor {
		c := a.cls[j]
		switch {
		case a.ment[j] < 0 && c&wWh != 0 && (a.up(j) == "WHO" || a.up(j) == "WHICH" || a.up(j) == "THAT"):
			// relative clause: subject is the chunk before the pronoun
			if a.up(j) == "THAT" && j > 0 && a.isVerb[j-1] {
				return -1 // complementizer after a verb: no subject outside
			}
			who := a.up(j) == "WHO"
			j--
			for j >= floor && a.is(j, wComma) {
				j--
			}
			for j >= floor && a.chunkAt(j) >= 0 && a.chunks[a.chunkAt(j)].time {
				j = a.chunks[a.chunkAt(j)].start - 1
				if a.is(j, wPrep) {
					j--
				}
			}
			// "a U.N. Security Council resolution that backed ...", "the
			// Saudi-led bloc that has imposed": a thing or group whose
			// modifier names an actor is no actor of the relative clause
			if ci := a.chunkAt(j); ci >= 0 && a.chunks[ci].end == j+1 && a.ment[j] < 0 && a.resolve(ci).hasActor && a.chunks[ci].pron == "" {
				return -1
			}
			// "shot down an Iranian drone that entered": the object of a
			// particle verb is the antecedent; "an offensive against Hamas
			// militants who have fired": WHO takes the people before it
			if ci := a.chunkAt(j); ci >= 0 && a.chunks[ci].end == j+1 && (particles[a.chunks[ci].prep] || who && a.resolve(ci).hasActor) {
				return ci
			}
			continue
		case a.ment[j] < 0 && c&wWh != 0:
			return -1
		case a.isVerb[j] && j == g.first-1 && aspectLemmas[a.verbs[j][0].lemma]:
			j-- // "Turkey has begun sending troops": the aspect verb's subject
			continue
		case a.isVerb[j]:
			// a reduced relative ("the civilians imprisoned for ... were released"):
			// the subject is the chunk before the participle
			if j > 0 && a.up(g.first-1) != "TO" && a.formKindAt(j) == 'd' && !pastOnlyForms[a.up(j)] && a.cls[j-1]&(wAux|wNeg) == 0 && a.chunkOf[j-1] >= 0 && a.chunks[a.chunkOf[j-1]].prep == "" && !a.chunks[a.chunkOf[j-1]].time && g.first-j < 12 {
				return a.chunkOf[j-1]
			}
			return -1
		case a.chunkOf[j] >= 0:
			ci := a.chunkOf[j]
			ch := &a.chunks[ci]
			if ch.time {
				j = ch.start - 1
				if a.is(j, wPrep) {
					j--
				}
				continue
			}
			// "... for the first time since Turkey shot down a jet": the verb's
			// subject is the chunk after the subordinator, and the clause is
			// background, not the main clause's event
			// ("as the shock wave blew out windows": the subject is the
			// shock wave even though it is no actor)
			if (subordinators[ch.prep] || clauseConjunctions[ch.prep]) && ch.end == g.first && !skipped && !a.roleAs(ci) {
				if !a.resolve(ci).hasActor {
					return ci
				}
				if strings.HasPrefix(a.resolve(ci).actor.Code, "---") {
					return -1
				}
				return ci
			}
			if ch.prep != "" && ch.prep != "OF" {
				// "rejected an agreement forced on ...": a participle, not a
				// clause ("Gunmen in combat fatigues opened fire": the
				// sentence's first verb is finite)
				if g.bare && !skipped && j == g.first-1 && !a.resolve(ci).hasActor && a.verbBefore(ch.start) && !a.reducedRelativeBefore(ci) {
					return -1
				}
				skipped = true
				j = ch.start - 2
				continue
			}
			// "troops backed by jets and helicopter gunships pushed into":
			// a conjunct of a prepositional phrase is no subject either
			if s := ch.start; s > 1 && (a.up(s-1) == "AND" || a.up(s-1) == "OR") && a.ment[s-1] < 0 {
				if p := a.chunkAt(s - 2); p >= 0 && a.chunks[p].prep != "" && a.chunks[p].prep != "OF" && !a.chunks[p].time {
					skipped = true
					j = a.chunks[p].start - 2
					continue
				}
			}
			if k := a.listIntro(ci, g.first); k >= 0 {
				j = k - 1 // ", which includes A, B and C," / ", including A and B,"
				continue
			}
			return ci
		case a.is(j, wComma) && !skipped && a.ment[j] < 0:
			// "Sergei Lavrov, Russia's foreign minister, said", "Russia,
			// which holds the council's presidency, joined": the subject is
			// the head before the aside, not the aside's last noun phrase
			if open, host := a.aside(j, floor); open >= 0 {
				if host >= 0 {
					return host
				}
				j = open - 1
				continue
			}
		case a.toks[j].up == ";" || a.toks[j].up == ":" || a.toks[j].up == "\"":
			return -1
		}
		j--
	}
	return -1
}

// reducedRelativeBefore reports that the prepositional phrases ending
// with chunk ci follow a past participle that follows a plain noun phrase
// ("Hong Kong residents dressed in black", "coal miners brought to
// Bucharest on special trains"): the participle modifies that noun phrase,
// so the verb after the phrases is finite.
func (a *analysis) reducedRelativeBefore(ci int) bool {
	for ci >= 0 && a.chunks[ci].prep != "" && a.chunks[ci].prep != "OF" && !a.chunks[ci].time {
		p := a.chunks[ci].start - 2 // the token before the preposition
		if p < 1 {
			return false
		}
		if a.isVerb[p] && a.chunkOf[p] < 0 {
			if a.formKindAt(p) != 'd' || pastOnlyForms[a.up(p)] {
				return false
			}
			np := a.chunkOf[p-1]
			return np >= 0 && a.chunks[np].prep == "" && !a.chunks[np].time
		}
		ci = a.chunkOf[p]
	}
	return false
}

// pastOnlyForms are simple pasts of irregular verbs that differ from the
// participle, so they never head a reduced relative or a passive.
var pastOnlyForms = map[string]bool{
	"AROSE": true, "ATE": true, "BECAME": true, "BEGAN": true, "BIT": true, "BLEW": true, "BROKE": true,
	"CAME": true, "CHOSE": true, "DID": true, "DREW": true, "DROVE": true, "FELL": true,
	"FLEW": true, "FORBADE": true, "FORGAVE": true, "FROZE": true, "GAVE": true, "GREW": true,
	"KNEW": true, "MISTOOK": true, "OVERTHREW": true, "OVERTOOK": true, "RAN": true, "RANG": true, "RODE": true,
	"ROSE": true, "SANG": true, "SANK": true, "SAW": true, "SHOOK": true, "SPOKE": true, "SPRANG": true,
	"STOLE": true, "STROVE": true, "SWAM": true, "SWORE": true, "TOOK": true, "TORE": true, "THREW": true,
	"UNDERTOOK": true, "WENT": true, "WITHDREW": true, "WOKE": true, "WORE": true, "WROTE": true,
}

// verbBefore reports a verb before position p.
func (a *analysis) verbBefore(p int) bool {
	for k := 0; k < p && k < len(a.toks); k++ {
		if a.isVerb[k] {
			return true
		}
	}
	return false
}

// aside recognises a parenthetical that ends at the comma at close and sits
// between a subject and its verb: an appositive noun phrase ("X, the
// foreign minister,"), a relative clause (", who flew to Pyongyang,") or a
// participle phrase (", speaking after talks with Y,"). It returns the
// position of the opening comma and the subject chunk: the head before the
// aside when it names an actor, else an appositive that does ("The top
// U.N. official, Zeid Ra'ad al-Hussein,"), else the head itself; open is -1
// when the words before close are no such aside.
func (a *analysis) aside(close, floor int) (open, host int) {
	open = -1
	for k := close - 1; k > floor && k >= close-30; k-- {
		u := a.up(k)
		if u == ";" || u == ":" || u == "\"" || u == "(" || u == ")" {
			return -1, -1
		}
		if a.is(k, wComma) {
			open = k
			break
		}
	}
	if open < 0 || open+1 >= close {
		return -1, -1
	}
	h := a.chunkAt(open - 1)
	if h < 0 || a.chunks[h].prep != "" || a.chunks[h].time || a.chunks[h].end != open {
		return -1, -1
	}
	first := open + 1
	kind := byte(0)
	switch {
	case a.ment[first] < 0 && (a.up(first) == "WHO" || a.up(first) == "WHICH" || a.up(first) == "WHOSE"):
		kind = 'r'
	case a.ment[first] < 0 && a.verbs[first] != nil && (a.formKindAt(first) == 'g' || a.formKindAt(first) == 'd'):
		kind = 'p'
	default:
		// an appositive: a noun phrase without a verb of its own
		if a.chunkAt(first) < 0 || a.chunks[a.chunkAt(first)].prep != "" {
			return -1, -1
		}
		for k := first; k < close; k++ {
			if a.ment[k] < 0 && (a.isVerb[k] || a.is(k, wAux) || a.is(k, wWh)) {
				return -1, -1
			}
		}
		kind = 'a'
	}
	if kind == 'a' {
		// a title after a name ("Kenzo Oshima, the U.N. relief
		// coordinator,") states the office the sentence means
		ap := a.chunkAt(first)
		// (not after a country: "Pakistan, a key U.S. ally,")
		if u := a.up(first); a.resolve(ap).hasActor && ((u == "THE" || u == "A" || u == "AN") && len(a.resolve(h).actor.Code) > 3 || !a.resolve(h).hasActor) {
			return open, ap
		}
	}
	return open, h
}

// coordinated returns ci plus the chunks coordinated with it ("A, B and C").
// Weapons of no country beside a conjunct of a known one ("Israeli troops
// and tanks") are that actor's equipment, not actors of their own.
func (a *analysis) coordinated(ci int, leftward bool) []int {
	out := a.conjuncts(ci, leftward)
	if len(out) < 2 {
		return out
	}
	a.shareDemonym(out)
	known := false
	for _, c := range out {
		if r := a.resolve(c); r.hasActor && !strings.HasPrefix(r.actor.Code, "---") {
			known = true
		}
	}
	if !known {
		return out
	}
	kept := out[:0:0]
	for _, c := range out {
		if r := a.resolve(c); !(strings.HasPrefix(r.actor.Code, "---") && weaponHeads[a.up(a.chunks[c].end-1)]) {
			kept = append(kept, c)
		}
	}
	return kept
}

// shareDemonym gives a conjunct of no country the country of the demonym
// that opens the conjunct before it: "Syrian government and opposition
// delegates", "Israeli troops and police".
func (a *analysis) shareDemonym(cis []int) {
	sorted := slices.Clone(cis)
	slices.Sort(sorted)
	for i := 1; i < len(sorted); i++ {
		prev, cur := a.resolve(sorted[i-1]), a.resolve(sorted[i])
		if !cur.hasActor || !strings.HasPrefix(cur.actor.Code, "---") || weaponHeads[a.up(a.chunks[sorted[i]].end-1)] {
			continue
		}
		s := a.chunks[sorted[i-1]].start
		if a.is(s, wDet) {
			s++
		}
		m := a.ment[s]
		if m < 0 || !a.mentions[m].actor || a.mentions[m].end >= a.chunks[sorted[i-1]].end || len(prev.actor.Code) <= 3 || countryOf(prev.actor.Code) == "" {
			continue
		}
		cur.actor.Code = prev.actor.Country() + cur.actor.Code[3:]
	}
}

// weaponHeads are the heads of noun phrases that name arms, not people.
var weaponHeads = map[string]bool{
	"TANK": true, "TANKS": true, "HELICOPTER": true, "HELICOPTERS": true, "GUNSHIP": true, "GUNSHIPS": true,
	"JET": true, "JETS": true, "WARPLANE": true, "WARPLANES": true, "AIRCRAFT": true, "DRONE": true, "DRONES": true,
	"ARTILLERY": true, "MISSILE": true, "MISSILES": true, "ROCKET": true, "ROCKETS": true, "WARSHIP": true,
	"WARSHIPS": true, "DESTROYER": true, "DESTROYERS": true, "BOMBER": true, "BOMBERS": true,
}

// conjuncts returns ci plus the chunks coordinated with it.
func (a *analysis) conjuncts(ci int, leftward bool) []int {
	out := []int{ci}
	if !a.resolve(ci).hasActor {
		// "Israeli helicopters and tanks": the modifier of the first conjunct is shared
		if s := a.chunks[ci].start; leftward && (a.up(s-1) == "AND" || a.up(s-1) == "OR") && a.chunkAt(s-2) >= 0 {
			if p := a.chunkAt(s - 2); a.chunks[p].prep == a.chunks[ci].prep && a.resolve(p).hasActor {
				return a.conjuncts(p, true)
			}
		}
		return out
	}
	step := 1
	if leftward {
		step = -1
	}
	cur := ci
	anyConj := false
	for {
		var j int
		if leftward {
			j = a.chunks[cur].start - 1
		} else {
			j = a.chunks[cur].end
		}
		sawConj, sawComma := false, false
		for j >= 0 && j < len(a.toks) && (a.is(j, wComma) || a.up(j) == "AND" || a.up(j) == "OR") {
			if a.up(j) == "AND" || a.up(j) == "OR" {
				sawConj = true
			} else {
				sawComma = true
			}
			j += step
		}
		// "X backed Assad, and Russian commanders have coordinated ...":
		// ", and" before a new clause ends the list
		if !leftward && sawConj && sawComma && a.clauseAhead(j) {
			return out
		}
		// "..., killing about 20 people, and the United Nations suspended":
		// leftwards, ", and" after the object of another verb ends it too
		if leftward && sawConj && sawComma && j >= 0 && a.chunkOf[j] >= 0 {
			if s := a.chunks[a.chunkOf[j]].start; s > 0 && (a.isVerb[s-1] || a.verbs[s] != nil && a.formKindAt(s) == 'g' || a.is(s-1, wNum) || a.up(s-1) == "ABOUT") {
				return out
			}
		}
		if j == a.chunks[cur].start-1 || j == a.chunks[cur].end || j < 0 || j >= len(a.toks) {
			return out
		}
		nci := a.chunkOf[j]
		if nci < 0 || nci == cur {
			return out
		}
		r := a.resolve(nci)
		if !r.hasActor || (r.prep != "" && r.prep != a.chunks[ci].prep) {
			return out
		}
		if sawConj {
			anyConj = true
		}
		if !sawConj && !anyConj && !a.hasConjBeyond(nci, step) {
			return out
		}
		out = append(out, nci)
		cur = nci
	}
}

// hasConjBeyond: a list "A, B and C" needs an "and" somewhere.
func (a *analysis) hasConjBeyond(ci, step int) bool {
	j := a.chunks[ci].start - 1
	if step > 0 {
		j = a.chunks[ci].end
	}
	for k := 0; k < 12 && j >= 0 && j < len(a.toks); k++ {
		if a.up(j) == "AND" || a.up(j) == "OR" {
			return true
		}
		if a.isVerb[j] {
			return false
		}
		j += step
	}
	return false
}

// clauseEnd is where the object search of a group stops.
func (a *analysis) clauseEnd(from int) int {
	for j := from; j < len(a.toks); j++ {
		u := a.up(j)
		if a.isVerb[j] && a.cls[j]&wAux == 0 {
			// "struck what New Delhi called a militant camp": the naming
			// verb of a free relative belongs to the object
			if a.namingRelative(j) {
				continue
			}
			// "struck 85 targets used by Iran-backed militias in Iraq": a
			// passive participle with its agent modifies the object
			if a.formKindAt(j) == 'd' && a.up(j+1) == "BY" && j > from && a.chunkAt(j-1) >= 0 {
				continue
			}
			// a new finite verb starts another clause unless it is a participle modifier
			return j
		}
		if a.ment[j] < 0 && a.cls[j]&wWh != 0 && u != "AS" {
			return j
		}
		// a quoted nickname or title inside the clause ("Joaquin \"El
		// Chapo\" Guzman") does not end it
		if u == "\"" && a.shortQuote(j) {
			continue
		}
		if u == ";" || u == ":" || u == "\"" || u == "(" || u == "BUT" {
			return j
		}
		if a.is(j, wComma) {
			// continue only through a coordinated actor list
			if a.chunkAt(j+1) >= 0 && a.resolve(a.chunkAt(j+1)).hasActor && a.hasConjBeyond(a.chunkAt(j+1), 1) && !a.clauseAhead(j+1) {
				continue
			}
			// ... and through a list of things ("attacked two hotels, a
			// railway station and a Jewish centre in Mumbai")
			if ci := a.chunkAt(j + 1); ci >= 0 && a.chunks[ci].prep == "" && !a.chunks[ci].time && a.chunks[ci].pron == "" && a.verbs[a.chunks[ci].start] == nil && a.hasConjBeyond(ci, 1) && !a.clauseAhead(j+1) {
				continue
			}
			return j
		}
	}
	return len(a.toks)
}

// shortQuote reports a quotation mark at j that opens or closes a quote of
// at most four words within the clause.
func (a *analysis) shortQuote(j int) bool {
	for k := j + 1; k < len(a.toks) && k <= j+5; k++ {
		if a.toks[k].up == "\"" {
			return k > j+1
		}
		if a.toks[k].punct {
			break
		}
	}
	for k := j - 1; k >= 0 && k >= j-5; k-- {
		if a.toks[k].up == "\"" {
			return k < j-1
		}
		if a.toks[k].punct {
			break
		}
	}
	return false
}

// objectOf finds target chunks after position from (exclusive end: lim).
// material reports whether location PPs ("in Syria") may be targets.
func (a *analysis) objectOf(from, lim int, code string) []int {
	a.locTarget = false
	material := materialRoot(code)
	// in a force posture (15x) the object is the actor's own force; the target is where it goes
	posture := root(code) == "15"
	var pp []int
	sawNP := false
	for j := from; j < lim; j++ {
		ci := a.chunkOf[j]
		if ci < 0 {
			continue
		}
		ch := &a.chunks[ci]
		j = ch.end - 1
		if ch.time {
			continue
		}
		if ch.pron != "" {
			continue
		}
		if (a.up(ch.start-1) == "WHAT" || a.up(ch.start) == "WHAT") && a.namingRelative(ch.end) {
			continue // the namer of "what X called Y"
		}
		if ch.prep == "" && a.ppConjunct(ci) {
			continue // "to the United States and Australia": a later conjunct of a PP
		}
		// "signed agreements with Pakistan on projects linking western
		// China": a noun phrase after a prepositional target is no object
		if ch.prep == "" && pp != nil && !a.ppConjunct(ci) {
			continue
		}
		r := a.resolve(ci)
		attached := sawNP
		sawNP = true
		// "suspended all civilian and military cooperation with Russia": a
		// thing whose modifier is an agent of no country is no target
		if ch.prep == "" && r.hasActor && strings.HasPrefix(r.actor.Code, "---") && a.ment[ch.end-1] < 0 && !agentHeads[a.up(ch.end-1)] && !agentHeads[a.up(a.headBeforeOf(ci))] {
			continue
		}
		// "approved security assistance for Ukraine, including drones",
		// "launched drones and missiles at Israel": arms of no country are
		// what is used or given, never the target
		if ch.prep == "" && r.hasActor && strings.HasPrefix(r.actor.Code, "---") && weaponHeads[a.up(ch.end-1)] {
			continue
		}
		if ch.prep == "" {
			if r.hasActor && !a.ownedBySubject(ci) && !(posture && strings.HasPrefix(r.actor.Code, "---")) {
				// "new U.S. sanctions against Russia": the actor only modifies a
				// measure whose target follows
				if nx := ci + 1; thingHeads[a.up(ch.end-1)] && a.ment[ch.end-1] < 0 && a.up(ch.end-2) != "'S" && nx < len(a.chunks) && a.chunks[nx].start == ch.end+1 && thingPreps[a.chunks[nx].prep] && a.resolve(nx).hasActor {
					return a.coordinated(nx, false)
				}
				// "fired missiles at a Syrian air base": an unattributed
				// weapon is what is used; the target is in the PP after it
				if strings.HasPrefix(r.actor.Code, "---") {
					if nx := a.strikeTarget(ci); nx >= 0 {
						return a.coordinated(nx, false)
					}
					// "suspended deliveries of tanks, jets and missiles to
					// Egypt": goods of no country go to the recipient
					for nx := ci + 1; nx < len(a.chunks) && a.chunks[nx].start < lim; nx++ {
						if p := a.chunks[nx].prep; (p == "TO" || p == "AGAINST" || p == "INTO") && a.resolve(nx).hasActor && !strings.HasPrefix(a.resolve(nx).actor.Code, "---") {
							return a.coordinated(nx, false)
						}
					}
				}
				return a.coordinated(ci, false)
			}
			// "dismissed an appeal from President Gbagbo", "rejected
			// demands from Saudi Arabia": a request belongs to its maker
			if nx := ci + 1; !r.hasActor && requestHeads[a.up(ch.end-1)] && nx < len(a.chunks) && a.chunks[nx].start == ch.end && (a.chunks[nx].prep == "FROM" || a.chunks[nx].prep == "BY") && a.resolve(nx).hasActor {
				return a.coordinated(nx, false)
			}
			// "rejected a package of incentives offered by Britain, France
			// and Germany": what others put forward is theirs
			if by := a.authoredBy(ch.end); !r.hasActor && by >= 0 {
				return a.coordinated(by, false)
			}
			// "hosted Kim Yo Jong, the sister of North Korean leader Kim
			// Jong Un,": a name the dictionaries lack is identified by its
			// appositive
			if ap := a.appositive(ci); !r.hasActor && ap >= 0 {
				return []int{ap}
			}
			continue
		}
		// ("pulled out of ECOWAS": what is left is the target)
		outOf := ch.prep == "OF" && ch.start >= 2 && a.up(ch.start-2) == "OUT"
		if !r.hasActor || nonTargetPreps[ch.prep] && ch.prep != "FROM" && !(ch.prep == "BY" && attached) && !outOf {
			continue
		}
		// "take it back by force": a means, no actor
		if ch.prep == "BY" && meansNouns[a.up(ch.end-1)] {
			continue
		}
		// "arrived in Havana": the place of a visit is its target
		if locationPreps[ch.prep] && !material && !attached && code != "042" {
			continue
		}
		// "held an emergency meeting in New York": the venue of a meeting
		// or talks is no partner of the actor
		if locationPreps[ch.prep] && !material && attached && code != "042" && code != "043" && venueHeads[a.up(a.chunks[ci-1].end-1)] {
			continue
		}
		// "at Turkey's request", "at the invitation of": who asked is no target
		if h := a.up(ch.end - 1); h == "REQUEST" || h == "INVITATION" || h == "BEHEST" || h == "URGING" {
			continue
		}
		// "deliveries of tanks and missiles to Egypt": a thing of unknown
		// country gives way to a later country in the clause
		if pp == nil || strings.HasPrefix(a.resolve(pp[0]).actor.Code, "---") && !strings.HasPrefix(r.actor.Code, "---") && !locationPreps[ch.prep] {
			pp = a.coordinated(ci, false)
			a.locTarget = locationPreps[ch.prep]
		}
	}
	return pp
}

// ppConjunct reports a chunk without preposition that is a later conjunct
// of a prepositional phrase ("between Washington, Canberra and London").
func (a *analysis) ppConjunct(ci int) bool {
	for c := ci; c > 0; c-- {
		s := a.chunks[c].start
		if s < 2 || !(a.is(s-1, wComma) || a.up(s-1) == "AND" || a.up(s-1) == "OR") || a.ment[s-1] >= 0 {
			return false
		}
		k := s - 1
		for k > 0 && (a.is(k, wComma) || a.up(k) == "AND" || a.up(k) == "OR") {
			k--
		}
		p := a.chunkAt(k)
		if p < 0 || p != c-1 || a.chunks[p].end != k+1 || !a.resolve(p).hasActor {
			return false
		}
		if a.chunks[p].prep != "" {
			return true
		}
	}
	return false
}

// authoredBy finds "offered by X", "put forward by X", "presented by X"
// right after a noun phrase ending at end (within a few words, across
// "and" conjuncts of the noun phrase): X's chunk, or -1.
func (a *analysis) authoredBy(end int) int {
	for j := end; j < len(a.toks) && j < end+6; j++ {
		if a.verbs[j] != nil && a.formKindAt(j) == 'd' && authorLemmas[a.verbs[j][0].lemma] {
			for k := j + 1; k < len(a.toks) && k <= j+3; k++ {
				if a.up(k) == "BY" {
					if ci := a.chunkAt(k + 1); ci >= 0 && a.resolve(ci).hasActor {
						return ci
					}
					return -1
				}
			}
			return -1
		}
		if a.isVerb[j] || a.toks[j].punct && !a.is(j, wComma) {
			return -1
		}
	}
	return -1
}

// requestHeads are things an actor asks or offers.
var requestHeads = map[string]bool{"APPEAL": true, "APPEALS": true, "CALL": true, "CALLS": true, "DEMAND": true,
	"DEMANDS": true, "REQUEST": true, "REQUESTS": true, "PROPOSAL": true, "PROPOSALS": true, "OFFER": true,
	"OFFERS": true, "INVITATION": true, "ULTIMATUM": true, "PLAN": true}

// authorLemmas put something forward for others to accept or refuse.
var authorLemmas = map[string]bool{"OFFER": true, "PROPOSE": true, "PUT": true, "PRESENT": true, "SUBMIT": true,
	"DRAFT": true, "TABLE": true, "MAKE": true, "ISSUE": true, "SPONSOR": true, "BROKER": true}

// ownedBySubject: "its troops", "their borders" belong to the subject and
// are not a target when they name no actor of their own.
func (a *analysis) ownedBySubject(ci int) bool {
	switch a.up(a.chunks[ci].start) {
	case "ITS", "THEIR", "HIS", "HER", "OUR":
		r := a.resolve(ci)
		return r.possessed || strings.HasPrefix(r.actor.Code, "---")
	}
	return false
}

// byAgent finds the source of a passive: a "by" (else "from") chunk.
func (a *analysis) byAgent(from, lim int) []int {
	var fromPP []int
	for j := from; j < lim && j < len(a.toks); j++ {
		ci := a.chunkOf[j]
		if ci < 0 {
			continue
		}
		ch := &a.chunks[ci]
		j = ch.end - 1
		if !a.resolve(ci).hasActor {
			continue
		}
		// "victims killed by the Malaysia Airlines crash": an accident is
		// no agent, whoever its modifiers name
		if accidentNouns[a.up(ch.end-1)] {
			continue
		}
		if ch.prep == "BY" {
			return a.coordinated(ci, false)
		}
		if ch.prep == "FROM" && fromPP == nil {
			fromPP = []int{ci}
		}
	}
	return fromPP
}

func (a *analysis) actorsOf(cis []int) []schema.Actor {
	var out []schema.Actor
	for _, ci := range cis {
		if r := a.resolve(ci); r.hasActor {
			out = append(out, r.actor)
		}
	}
	return out
}

func (a *analysis) evidenceOf(cis []int) []string {
	var out []string
	for _, ci := range cis {
		out = append(out, a.resolve(ci).evidence...)
	}
	return out
}

func isSayGroup(g *group) bool {
	return sayLemmas[g.verb.lemma] && g.comp == nil
}

func lemmaKey(v verbInfo) string {
	return strings.TrimSpace(v.block + "/" + v.lemma)
}

// thingHeads are measures and documents whose actor modifier is their author
// ("U.S. sanctions", "a Russian proposal"); a following PP names the target.
var thingHeads = map[string]bool{
	"SANCTIONS": true, "SANCTION": true, "EMBARGO": true, "BAN": true, "BANS": true, "RESTRICTIONS": true,
	"MEASURES": true, "TARIFFS": true, "AID": true, "ASSISTANCE": true, "SUPPORT": true, "PROPOSAL": true,
	"PLAN": true, "DEAL": true, "AGREEMENT": true, "TREATY": true, "ACCORD": true, "RESOLUTION": true,
	"DEMANDS": true, "DEMAND": true, "ACCUSATIONS": true, "CHARGES": true, "THREATS": true, "WARNING": true,
	"CRITICISM": true, "PRESSURE": true, "STRIKES": true, "AIRSTRIKES": true, "ATTACKS": true, "OFFENSIVE": true,
	"FREEZES": true, "LOANS": true, "LOAN": true, "TALKS": true, "COMPLAINT": true, "PROTEST": true,
	"FUNDING": true, "FUNDS": true, "PAYMENTS": true, "CONTRIBUTIONS": true,
}

var thingPreps = map[string]bool{"AGAINST": true, "ON": true, "ONTO": true, "TO": true, "WITH": true, "FOR": true, "AT": true}

// strikePreps introduce what a fired or dropped weapon is aimed at.
var strikePreps = map[string]bool{"AT": true, "ON": true, "AGAINST": true, "INTO": true}

// meansNouns follow a BY that names a means, not an agent ("spoke by telephone").
// accidentNouns head noun phrases that name a mishap, not an agent.
var accidentNouns = map[string]bool{"CRASH": true, "EXPLOSION": true, "BLAST": true, "FIRE": true, "EARTHQUAKE": true,
	"QUAKE": true, "FLOOD": true, "FLOODS": true, "STORM": true, "DISEASE": true, "OUTBREAK": true, "VIRUS": true,
	"ACCIDENT": true, "COLLAPSE": true, "STAMPEDE": true, "DISASTER": true}

// attackNouns head noun phrases that name an attack: "killed in Israeli
// tank shelling", "died in a U.S. drone strike".
var attackNouns = map[string]bool{"SHELLING": true, "STRIKE": true, "STRIKES": true, "AIRSTRIKE": true,
	"AIRSTRIKES": true, "RAID": true, "RAIDS": true, "ATTACK": true, "ATTACKS": true, "BOMBARDMENT": true,
	"BOMBING": true, "BOMBINGS": true, "GUNFIRE": true, "FIRE": true, "OFFENSIVE": true, "AMBUSH": true}

var meansNouns = map[string]bool{
	"TELEPHONE": true, "PHONE": true, "VIDEO": true, "VIDEOLINK": true, "VIDEOCONFERENCE": true, "LETTER": true,
	"PHONE-CALL": true, "RADIO": true, "SATELLITE": true, "ROAD": true, "AIR": true, "SEA": true, "LAND": true,
	"CAR": true, "PLANE": true, "HELICOPTER": true, "BOAT": true, "TRAIN": true, "FORCE": true,
}

// listIntro returns the position of the word that introduces the actor list
// ending in chunk ci when the list is an aside between commas before the
// verb at vpos: ", which includes A, B and C, said", ", including A and B,
// agreed". Such members are not the subject of the verb. Else -1.
func (a *analysis) listIntro(ci, vpos int) int {
	end := a.chunks[ci].end
	if !a.is(end, wComma) || end >= vpos {
		return -1
	}
	left := ci
	for _, c := range a.coordinated(ci, true) {
		if a.chunks[c].start < a.chunks[left].start {
			left = c
		}
	}
	s := a.chunks[left].start
	if a.up(s) == "INCLUDING" && a.ment[s] < 0 {
		return s
	}
	switch a.up(s - 1) {
	case "INCLUDING":
		return s - 1
	case "WHICH", "WHO":
		if a.is(s-2, wComma) && a.ment[s-1] < 0 {
			return s - 1
		}
	case "AS":
		if a.up(s-2) == "SUCH" {
			return s - 2
		}
	}
	return -1
}

// sharedSubject is the subject of a predicate coordinated by AND at j with
// the one before ("Iran is an ally of Assad and has provided ...", "killed
// two and wounded five"): the subject of the first predicate. ok is false
// when no predicate precedes the AND in the clause.
func (a *analysis) sharedSubject(g *group, j, floor int) (int, bool) {
	k := j - 1
	// (verbs of infinitives and relative clauses are not the predicate
	// the AND coordinates with: "shot down a drone that violated its
	// airspace, and warned Washington")
	relVerb := func(k int) bool {
		u := a.up(k - 1)
		return u == "TO" || k > 0 && a.ment[k-1] < 0 && (u == "THAT" || u == "WHICH" || u == "WHO")
	}
	for k >= floor && !(a.isVerb[k] && !relVerb(k) || a.is(k, wAux) && a.ment[k] < 0 && !relVerb(k)) {
		// ("denounced the ceremony as a farce and accused ...": AS before a
		// noun phrase is a preposition, no clause boundary)
		// (a relative pronoun after a noun is crossed: "shot down a drone
		// that violated its airspace, and warned")
		relPron := a.ment[k] < 0 && (a.up(k) == "THAT" || a.up(k) == "WHICH" || a.up(k) == "WHO") && a.chunkAt(k-1) >= 0
		if a.is(k, wPunct) && !a.is(k, wComma) || a.ment[k] < 0 && a.is(k, wWh) && !relPron && !(a.up(k) == "AS" && a.chunkAt(k+1) >= 0 && a.chunks[a.chunkAt(k+1)].prep == "AS") {
			return -1, false
		}
		k--
	}
	if k < floor {
		return -1, false
	}
	for k-1 >= floor && a.ment[k-1] < 0 && a.is(k-1, wAux|wNeg) {
		k--
	}
	f := *g
	f.first, f.bare = k, false
	return a.subjectOf(&f, floor), true
}

// strikeTarget finds the target of a weapon chunk ci ("fired missiles at a
// Syrian air base", "fire cruise missiles from the Caspian Sea at targets
// in Syria"): the actor of the AT/ON/AGAINST/INTO phrase after it, past
// other prepositional phrases, else of an IN/OF phrase right after that
// one. -1 if none.
func (a *analysis) strikeTarget(ci int) int {
	end := a.chunks[ci].end
	for nx := ci + 1; nx < len(a.chunks) && nx <= ci+3; nx++ {
		ch := &a.chunks[nx]
		if ch.start != end+1 || ch.prep == "" {
			return -1
		}
		end = ch.end
		if !strikePreps[ch.prep] {
			continue
		}
		if rn := a.resolve(nx); rn.hasActor && !strings.HasPrefix(rn.actor.Code, "---") {
			return nx
		}
		if rn := a.resolve(nx); rn.hasActor {
			return -1
		}
		if n2 := nx + 1; n2 < len(a.chunks) && a.chunks[n2].start == ch.end+1 && placePreps[a.chunks[n2].prep] {
			if r2 := a.resolve(n2); r2.hasActor && !strings.HasPrefix(r2.actor.Code, "---") {
				return n2
			}
		}
		return -1
	}
	return -1
}

// placePreps introduce where a target without a country of its own lies:
// "at targets inside Syria", "at cities across Ukraine".
var placePreps = map[string]bool{"IN": true, "OF": true, "INSIDE": true, "ACROSS": true, "NEAR": true, "AROUND": true, "THROUGHOUT": true, "ALONG": true}

// clauseAhead reports a finite verb or auxiliary within the next few words
// from j, before any punctuation: the words start a new clause.
func (a *analysis) clauseAhead(j int) bool {
	for k := j; k < len(a.toks) && k < j+10; k++ {
		if a.toks[k].punct && !a.is(k, wComma) || a.is(k, wComma) && k > j {
			return false
		}
		if a.ment[k] < 0 && (a.is(k, wAux) || a.isVerb[k] && a.formKindAt(k) != 'g') {
			return true
		}
	}
	return false
}

// subordinators are prepositions that also introduce a clause.
var subordinators = map[string]bool{"SINCE": true, "AFTER": true, "BEFORE": true, "UNTIL": true}

// clauseConjunctions read as prepositions open a clause when a verb
// follows their noun phrase: "as the shock wave blew out windows".
var clauseConjunctions = map[string]bool{"AS": true, "WHILE": true, "WHEN": true, "BECAUSE": true, "THOUGH": true, "ALTHOUGH": true}

// roleAsLemmas take AS for a role, not a clause: "militiamen dressed as
// hunters", "a man posing as a journalist", "a group designated as
// terrorist".
var roleAsLemmas = map[string]bool{"DRESS": true, "DISGUISE": true, "POSE": true, "MASQUERADE": true, "DESCRIBE": true,
	"KNOW": true, "IDENTIFY": true, "DESIGNATE": true, "BRAND": true, "LABEL": true, "SERVE": true, "ACT": true,
	"REGARD": true, "SEE": true, "VIEW": true, "HAIL": true, "LIST": true, "CLASSIFY": true, "INSTALL": true}

// roleAs reports an AS chunk right after a verb that takes AS for a role
// ("dressed as traditional hunters"): a prepositional phrase, whose noun
// is no subject of the verb after it.
func (a *analysis) roleAs(ci int) bool {
	p := a.chunks[ci].start - 2
	if a.chunks[ci].prep != "AS" || p < 0 || !a.isVerb[p] {
		return false
	}
	for _, v := range a.verbs[p] {
		if roleAsLemmas[v.lemma] {
			return true
		}
	}
	return false
}

// venueHeads are nouns whose following location PP is where they happen.
var venueHeads = map[string]bool{"MEETING": true, "MEETINGS": true, "TALKS": true, "SUMMIT": true,
	"CONFERENCE": true, "SESSION": true, "NEGOTIATIONS": true, "DISCUSSIONS": true, "CONSULTATIONS": true}

// appositive returns the chunk naming the actor of an appositive noun
// phrase right after chunk ci (", the sister of North Korean leader Kim
// Jong Un,", ", the chief financial officer of China's Huawei"), closed by
// a comma or the end of the clause; -1 if none.
func (a *analysis) appositive(ci int) int {
	end := a.chunks[ci].end
	if !a.is(end, wComma) {
		return -1
	}
	ap := a.chunkAt(end + 1)
	if ap < 0 || a.chunks[ap].prep != "" || a.chunks[ap].time || a.chunks[ap].start != end+1 {
		return -1
	}
	cand := ap
	if !a.resolve(ap).hasActor {
		nx := ap + 1
		if nx >= len(a.chunks) || a.chunks[nx].start != a.chunks[ap].end+1 || a.chunks[nx].prep != "OF" || !a.resolve(nx).hasActor {
			return -1
		}
		cand = nx
	}
	if strings.HasPrefix(a.resolve(cand).actor.Code, "---") {
		return -1
	}
	// the appositive ends at a comma, the sentence end or a preposition
	last := a.chunks[cand].end
	// (or at a participle: "Ratko Mladic, the Bosnian Serb wartime
	// commander indicted for genocide,")
	if u := a.up(last); last < len(a.toks) && !a.is(last, wComma) && u != "." && !a.is(last, wPrep) && !(a.verbs[last] != nil && a.formKindAt(last) == 'd' && !sayLemmas[a.verbs[last][0].lemma] && a.is(a.chunks[cand].start, wDet)) {
		return -1
	}
	return cand
}

// namingRelative reports a naming verb at j in a free relative "what X
// called/described as Y".
func (a *analysis) namingRelative(j int) bool {
	if j >= len(a.toks) || !judgeLemmas[a.verbLemma(j)] {
		return false
	}
	ci := a.chunkAt(j - 1)
	return ci >= 0 && (a.up(a.chunks[ci].start-1) == "WHAT" || a.up(a.chunks[ci].start) == "WHAT")
}

// verbLemma returns the lemma of the first verb reading at j.
func (a *analysis) verbLemma(j int) string {
	if len(a.verbs[j]) == 0 {
		return ""
	}
	return a.verbs[j][0].lemma
}
