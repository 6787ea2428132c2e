package coder

import (
	"strconv"
	"strings"
	"time"

	"github.com/dyadgraph/dyad/ingest/coder/internal/dict"
	"github.com/dyadgraph/dyad/schema"
)

// attribution is a reporting verb and the range of groups it covers.
type attribution struct {
	sayer   []int // subject chunks of the reporting verb
	leading bool  // "X said (that) ..." (else "..., X said")
	g       *group
	kind    int // ctlNone for reporting verbs, ctlDemand / ctlAppeal for "demanded that ..."
}

// thatFollows reports a "that" complement right after the group.
func (a *analysis) thatFollows(g *group) bool {
	j := g.last + 1
	for j < len(a.toks) && (a.is(j, wAdv) || a.chunkAt(j) >= 0 && a.chunks[a.chunkAt(j)].time || a.is(j, wPrep) && a.chunkAt(j+1) >= 0 && a.chunks[a.chunkAt(j+1)].time) {
		j++
	}
	return a.up(j) == "THAT"
}

func (c *Coder) codeSentence(s string, idx int, st *docState) (evs []CodedEvent, skip, story string) {
	toks := dropNamingRelative(tokenize(s))
	if r := sentenceSkip(s, len(toks), c.maxTok); r != "" {
		return nil, r, ""
	}
	// "Two bombs exploded near the finish line of the Boston Marathon",
	// "after nine days of marathon talks": a political cue outweighs the
	// discard phrase
	if phrase, all := c.lx.discarded(toks); phrase != "" && !hardPolitical(toks) {
		if all {
			return nil, "", "discarded story: " + phrase
		}
		return nil, "discarded: " + phrase, ""
	}
	a := &analysis{c: c, text: s, toks: toks, pub: st.pub}
	if !st.pub.IsZero() {
		a.day, a.hasDay = dict.Day(st.pub), true
	}
	a.tag()
	if offTopic(toks, a.hasAgent()) {
		return nil, "off topic", ""
	}
	a.chunkTokens()
	groups := a.buildGroups()
	if len(groups) == 0 && !a.reactionCue() {
		return c.pairStage(a, idx, groups, nil, nil, st), "", ""
	}
	dates := resolveDates(toks, st.pub)
	places := a.findPlaces()
	a.places = places
	defDay := time.Time{}
	if !st.pub.IsZero() {
		defDay = schema.Day(st.pub)
	}

	// reporting verbs
	var attrs []attribution
	isSay := make(map[*group]bool)
	for _, g := range groups {
		k := controlLemmas[g.verb.lemma]
		if g.comp != nil || g.neg || !(k == ctlDemand || k == ctlAppeal || g.verb.lemma == "PROPOSE" || g.verb.lemma == "SUGGEST" || g.verb.lemma == "RECOMMEND") || !a.thatFollows(g) {
			continue
		}
		isSay[g] = true
		if k != ctlDemand {
			k = ctlAppeal
		}
		var sayer []int
		if subj := a.subjectOf(g, 0); subj >= 0 {
			sayer = a.coordinated(subj, true)
		}
		attrs = append(attrs, attribution{sayer: sayer, leading: true, g: g, kind: k})
	}
	// "Moscow denied that its troops had invaded Crimea": the events of a
	// denied (or disputed) complement clause are not coded
	for _, g := range groups {
		if isSay[g] || g.comp != nil || !denyLemmas[g.verb.lemma] || !a.clauseFollows(g) {
			continue
		}
		isSay[g] = true
		attrs = append(attrs, attribution{leading: true, g: g, kind: ctlDeny})
	}
	for gi, g := range groups {
		if isSay[g] || !isSayGroup(g) || g.neg {
			continue
		}
		// "demanded that Russia explain what had happened": what is
		// demanded is no report
		if gi > 0 && isSay[groups[gi-1]] && controlLemmas[groups[gi-1].verb.lemma] == ctlDemand {
			continue
		}
		if p := a.bestPattern(g.verb.block, 0, 0, g.last+1, min(a.clauseEnd(g.last+1), g.last+8)); p != nil {
			if act, _ := splitCode(p.code); act != "" && act != "010" {
				continue // "claimed responsibility", "expressed concern"
			}
		}
		if judgeLemmas[g.verb.lemma] && a.up(g.last+1) == "AS" && a.verdictAfter(g.last+2, min(len(a.toks), g.last+8)) != "" {
			continue // "a move Beijing described as an escalation": a judgement
		}
		isSay[g] = true
		subj := a.subjectOf(g, 0)
		var sayer []int
		if subj >= 0 {
			sayer = a.coordinated(subj, true)
		} else if ci := a.chunkAt(g.last + 1); ci >= 0 && a.is(g.first-1, wComma) {
			sayer = []int{ci} // ", said the ministry"
		}
		leading := gi+1 < len(groups) && !a.trailingSay(g)
		attrs = append(attrs, attribution{sayer: sayer, leading: leading, g: g})
	}
	reporter := func(g *group) (*attribution, bool) {
		// nearest leading reporter before g, else a trailing one after it
		var best *attribution
		for i := range attrs {
			if at := &attrs[i]; at.leading && at.g.last < g.first && (best == nil || at.g.last > best.g.last) {
				best = at
			}
		}
		if best != nil {
			return best, true
		}
		for i := range attrs {
			if at := &attrs[i]; !at.leading && at.g.first > g.last {
				return at, false
			}
		}
		return nil, false
	}
	demanded := map[*attribution]bool{}

	// a bare participle whose subject is also the subject of a later verb is
	// a reduced relative clause, not an event of its own
	relative := map[*group]bool{}
	for i, g := range groups {
		if !g.bare || g.passive {
			continue
		}
		s := a.subjectOf(g, 0)
		// "seized a cargo ship linked to an Israeli businessman", "freed
		// 24 hostages held in Gaza": a participle right after an earlier
		// verb's object modifies that object
		if s >= 0 && i > 0 && a.chunks[s].end == g.first && a.chunks[s].prep == "" && a.up(g.last+1) != "BY" && a.objectOfEarlier(groups[:i], s) {
			relative[g] = true
			continue
		}
		// "arrested Ratko Mladic, the Bosnian Serb commander indicted for
		// genocide": a participle after an appositive of an earlier
		// clause's object modifies it
		if s >= 0 && i > 0 && a.chunks[s].end == g.first && a.is(a.chunks[s].start-1, wComma) && a.up(g.last+1) != "BY" {
			relative[g] = true
			continue
		}
		for _, g2 := range groups[i+1:] {
			if s >= 0 && a.up(g2.first-1) != "TO" && a.up(g2.first-1) != "AND" && a.subjectOf(g2, 0) == s {
				relative[g] = true
			}
		}
	}
	var prevSubj, prevObj []int
	prevCoded := false // the last clause coded an event
	var clauseSubj []subjAt
	dlo, dhi := a.dismissedAllegation()
	for gi, g := range groups {
		if isSay[g] || relative[g] || a.namingRelative(g.head) {
			continue
		}
		if g.first > dlo && g.last < dhi {
			continue
		}
		// "Khashoggi, a journalist who had criticised the crown prince,":
		// a past perfect in a relative clause is background
		if g.perfect && a.up(g.first) == "HAD" && g.first > 0 && a.ment[g.first-1] < 0 && (a.up(g.first-1) == "WHO" || a.up(g.first-1) == "WHICH") {
			continue
		}
		// "would not send ground troops to fight Islamic State", "has no
		// plans to send troops to join the campaign": an infinitive that
		// continues a negated or speculative clause is not asserted either
		if a.up(g.first-1) == "TO" && gi > 0 && a.negatedChain(groups[gi-1], g) {
			continue
		}
		at, leading := reporter(g)
		var say []int
		if at != nil {
			say = at.sayer
		}
		floor := 0
		if leading {
			for _, at := range attrs {
				if at.leading && at.g.last < g.first && at.g.last+1 > floor {
					floor = at.g.last + 1
				}
			}
		}
		subj := a.subjectOf(g, floor)
		// "Tanks loyal to President Boris Yeltsin pounded the parliament",
		// "forces loyal to Ouattara": forces loyal to an actor are its own
		if subj >= 0 && !a.resolve(subj).hasActor && a.up(a.chunks[subj].end-1) == "LOYAL" && subj+1 < len(a.chunks) && a.chunks[subj+1].prep == "TO" && a.resolve(subj+1).hasActor {
			subj++
		}
		// ", a day after Indian warplanes struck ...": a background clause
		// set off by a comma is the writer's, not the reporting verb's
		// (also after a denial: "North Korea denied it was behind the
		// attack, two days after Washington blamed Pyongyang")
		if subj >= 0 && subordinators[a.chunks[subj].prep] && leading && a.setOff(a.chunks[subj].start-1) {
			at, leading, say = nil, false, nil
		}
		if at != nil && leading && at.kind == ctlDeny {
			continue
		}
		participle := a.formKindAt(g.head) == 'g' && g.first == g.head && (a.is(g.first-1, wComma) || a.up(g.first-1) == "BY" && g.first > 1 && a.isVerb[g.first-2])
		// "Trump told reporters after meeting Putin": the gerund's subject
		// is the subject of the clause it follows, reporting verbs included
		if u := a.up(g.first - 1); a.formKindAt(g.head) == 'g' && g.first == g.head && gi > 0 && (u == "AFTER" || u == "BEFORE" || u == "WHILE" || u == "UPON") {
			if s0 := a.subjectOf(groups[gi-1], 0); s0 >= 0 && a.resolve(s0).hasActor {
				prevSubj = a.coordinated(s0, true)
				participle = true
			}
		}
		// ", the Indian army said, accusing Pakistan of ...": a participle
		// right after a reporting clause is the reporter's
		if participle && gi > 0 && isSay[groups[gi-1]] {
			for _, at := range attrs {
				if at.g == groups[gi-1] && len(a.actorsOf(at.sayer)) > 0 {
					prevSubj = at.sayer
				}
			}
		}
		if participle {
			if len(prevSubj) == 0 {
				continue
			}
			subj = -1
		}
		// ", prompting Israel to recall its ambassador": the causee is the
		// subject of the infinitive, which is no purpose clause
		if cs := a.causeSubject(g); cs >= 0 {
			subj = cs
		}
		purpose := a.causeSubject(g) < 0 && a.purposeClause(g) && len(prevObj) > 0
		if purpose {
			// "X telephoned Y to congratulate him": X congratulates Y. Other
			// purpose clauses of a coded event ("met Y to discuss efforts")
			// add no event.
			if !a.pronObject(g) {
				// "telephoned Aznar to offer his condolences", "to offer
				// condolences and assistance": sympathy or a promise of
				// help is an event of its own towards the earlier object
				// (a bare statement or an intent to meet adds nothing)
				if code := a.plainCode(g, prevSubj); (root(code) == "01" || root(code) == "03") && code != "010" && code != "036" && !g.neg && len(evs) > 0 && root(evs[len(evs)-1].Code) != root(code) {
					last := evs[len(evs)-1]
					for _, src := range a.actorsOf(prevSubj) {
						for _, t := range a.actorsOf(prevObj) {
							if src.Country() != t.Country() {
								evs = append(evs, CodedEvent{SentenceIndex: idx, Sentence: s, Source: src, Target: t, Code: c.validCode(code), Date: last.Date, Place: last.Place,
									Evidence: append(append(a.evidenceOf(prevSubj), a.evidenceOf(prevObj)...), "verb:"+lemmaKey(g.verb), "purpose of "+last.Code)})
							}
						}
					}
				}
				continue
			}
			subj = -1
		}
		// "bombers took off from a base in Iran to strike militants in
		// Syria": when the clause before coded nothing, its subject does
		// what the purpose clause says
		// ("police used tear gas to disperse demonstrators", "a U.N. team
		// entered the Gaza Strip to investigate": the noun phrase before TO
		// is the earlier verb's object, not the subject)
		thingBefore := subj >= 0 && !a.resolve(subj).hasActor && a.chunks[subj].end == g.first-1 && a.chunks[subj].prep == "" && gi > 0 && meansLemmas[groups[gi-1].verb.lemma]
		bareGoal := !purpose && !prevCoded && a.causeSubject(g) < 0 && a.purposeClause(g) && len(prevObj) == 0 && len(prevSubj) > 0 && (subj < 0 || thingBefore || a.chunks[subj].prep == "" && gi > 0 && destinationLemmas[groups[gi-1].verb.lemma] && a.objectOfEarlier(groups[:gi], subj))
		if bareGoal {
			// "threatened at the United Nations to destroy": the
			// infinitive completes a control verb across an adjunct
			var before *group
			for _, g2 := range groups {
				if g2.last < g.first && (before == nil || g2.last > before.last) {
					before = g2
				}
			}
			if before != nil && controlLemmas[before.verb.lemma] != ctlNone {
				bareGoal = false
			}
		}
		var subjs []int
		if purpose || participle || bareGoal {
			subjs = prevSubj
		} else if subj >= 0 {
			if a.chunks[subj].pron != "" {
				switch {
				case leading && len(say) > 0 && !(a.chunks[subj].pron == "IT" && a.pluralHead(say[0])):
					// "officials said it would ...": IT is no group of people
					subjs = say
				case len(prevSubj) > 0 && a.chunks[subj].pron != "IT":
					subjs = prevSubj
				}
			} else {
				subjs = a.coordinated(subj, true)
				// "The United States and more than a dozen European countries
				// expelled": the conjunct that names an actor acts
				if len(a.actorsOf(subjs)) == 0 {
					if lc := a.leftConjunct(subj); lc >= 0 {
						subjs = a.coordinated(lc, true)
					}
				}
				// "Kerry met Putin in Moscow, and the two countries agreed to
				// convene a conference": the two are the earlier clause's
				// subject and object
				if len(a.actorsOf(subjs)) == 0 && a.theTwo(subj) && len(prevSubj) == 1 && len(prevObj) == 1 {
					if ps, po := a.actorsOf(prevSubj), a.actorsOf(prevObj); len(ps) == 1 && len(po) == 1 && ps[0].Country() != po[0].Country() {
						subjs = []int{prevSubj[0], prevObj[0]}
					}
				}
				// "Fiji expelled the top diplomats of Australia and New
				// Zealand, and both countries retaliated": both are the
				// earlier clause's coordinated object
				if len(a.actorsOf(subjs)) == 0 && a.bothOf(subj) && len(a.actorsOf(prevObj)) >= 2 {
					subjs = prevObj
				}
			}
		}
		a.reactTo = nil
		// "accused Turkey of ... and promised further retaliation", "met
		// Rouhani and urged him to ...": a predicate coordinated with the
		// one before shares its subject, and its pronoun or missing object
		// is the earlier predicate's target
		coordVP := !g.inComplement && a.up(g.first-1) == "AND" && a.ment[g.first-1] < 0 && len(prevObj) > 0
		if !purpose && !participle && len(subjs) > 0 && len(prevSubj) > 0 && a.up(g.first-1) != "TO" {
			a.reactTo = prevSubj
			if coordVP {
				a.reactTo = prevObj
			}
		}
		earlierSubj := prevSubj
		if len(subjs) > 0 {
			prevSubj = subjs
			clauseSubj = append(clauseSubj, subjAt{g.first, subjs})
		}
		// "X demanded that Y ...", "X said Y must ...": X demands of / appeals to Y
		if leading && at != nil && (at.kind != ctlNone || g.must) {
			if demanded[at] {
				continue
			}
			demanded[at] = true
			c2 := a.plainCode(g, subjs)
			code := appealCode(c2)
			if c2 == "" {
				code = "020"
			}
			if at.kind == ctlDemand || g.must {
				code = demandCode(code)
			}
			code = c.validCode(code)
			lo := at.g.first
			day := eventDate(dates, at.g.head, lo, a.clauseEnd(g.last+1), defDay)
			for _, src := range a.actorsOf(at.sayer) {
				for _, t := range a.actorsOf(subjs) {
					if src.Code != t.Code && code != "" {
						evs = append(evs, CodedEvent{SentenceIndex: idx, Sentence: a.text, Source: src, Target: t, Code: code, Date: day,
							Place:    eventPlace(places, at.g.head, lo, a.clauseEnd(g.last+1)),
							Evidence: append(append(a.evidenceOf(at.sayer), a.evidenceOf(subjs)...), "verb:"+lemmaKey(at.g.verb), "complement:"+lemmaKey(g.verb))})
					}
				}
			}
			continue
		}
		objRef := say
		if (purpose || participle || coordVP) && len(prevObj) > 0 {
			objRef = prevObj
		} else if len(say) == 0 && len(earlierSubj) > 0 && len(subjs) > 0 && !a.sameActors(subjs, earlierSubj) && a.personObject(g) {
			// "Erdogan won re-election, and Putin congratulated him": an
			// object pronoun of a new clause is the earlier subject
			objRef = earlierSubj
		}
		// "Heavy fighting broke out between Armenia and Azerbaijan": the
		// sides of a fight named after BETWEEN fight each other
		// ("A ceasefire between Indian and Pakistani forces took effect":
		// a truce between them, the sides before the verb)
		nounSubj := subj
		if nounSubj < 0 {
			nounSubj = a.truceOrFightBefore(g.first)
		}
		if head := ""; nounSubj >= 0 && !a.resolve(nounSubj).hasActor && !g.neg && !g.future {
			subj := nounSubj
			head = a.up(a.chunks[subj].end - 1)
			code := ""
			switch {
			case fightNouns[head]:
				code = "190"
			case truceNouns[head]:
				code = "0871"
			}
			sides := a.betweenSides(a.chunks[subj].end, g.first)
			if len(sides) == 0 {
				sides = a.betweenSides(g.last+1, a.clauseEnd(g.last+1))
			}
			if code != "" && len(sides) > 0 {
				day := eventDate(dates, g.head, a.chunks[subj].start, a.clauseEnd(g.last+1), defDay)
				acts := a.actorsOf(sides)
				for _, x := range acts {
					for _, y := range acts {
						if x.Code != y.Code {
							evs = append(evs, CodedEvent{SentenceIndex: idx, Sentence: s, Source: x, Target: y, Code: code, Date: day,
								Evidence: append(a.evidenceOf(sides), "verb:"+lemmaKey(g.verb), strings.ToLower(head)+" between")})
						}
					}
				}
				prevCoded = true
				continue
			}
		}
		ev := a.codeGroup(g, subjs, objRef)
		prevCoded = ev != nil
		if ev == nil {
			continue
		}
		prevObj = ev.tgts
		lo, hi := g.first, ev.hi
		if subj >= 0 {
			lo = a.chunks[subj].start
		}
		day := eventDate(dates, g.head, lo, hi, defDay)
		// ", a day after London imposed sanctions": the background event is
		// dated from the main clause's event
		// (or from the main clause's own date when it coded nothing: "North
		// Korea on Thursday denied ..., two days after Washington blamed")
		if subj >= 0 {
			if n, ok := a.clauseShift(a.chunks[subj]); ok {
				switch {
				case len(evs) > 0 && !evs[len(evs)-1].Date.IsZero():
					day = evs[len(evs)-1].Date.AddDate(0, 0, n)
				case len(evs) == 0 && gi > 0:
					if d, ok := fromMainClause(dates, groups, n, a.chunks[subj].start, defDay); ok {
						day = d
					}
				}
			}
		}
		place := eventPlace(places, g.head, lo, hi)
		var rep *schema.Actor
		if acts := a.actorsOf(say); len(acts) > 0 {
			r := acts[0]
			rep = &r
		}
		pairs := ev.pairs
		// CAMEO.2.0 transformations: an attack reported in a reporting verb's
		// complement is an allegation. "A said B attacked C" is A accusing B
		// (112); "A said A attacked C" is A claiming responsibility (015),
		// except that a state reporting its own forces' strikes ("Israel
		// said its warplanes struck ...", "Pakistan said it had shot down
		// two Indian jets") reports the strike itself.
		if leading && rep != nil && !g.future && (root(ev.code) == "18" || root(ev.code) == "19" || root(ev.code) == "20") {
			var kept [][2]schema.Actor
			for _, p := range ev.pairs {
				if c := countryOf(rep.Code); c != "" && c == countryOf(p[0].Code) && !armedGroup(rep.Code) && !armedGroup(p[0].Code) && at.g.verb.lemma != "CLAIM" {
					kept = append(kept, p)
					continue
				}
				if p[0].Code == rep.Code {
					evs = append(evs, CodedEvent{SentenceIndex: idx, Sentence: s, Source: p[0], Target: p[1], Code: "015",
						Date: day, Place: place, Evidence: append([]string{"transform:A says A attacked C = A claims responsibility"}, ev.evidence...)})
					continue
				}
				evs = append(evs, CodedEvent{SentenceIndex: idx, Sentence: s, Source: *rep, Target: p[0], Code: "112",
					Date: day, Evidence: append([]string{"transform:A says B attacked C = A accuses B"}, ev.evidence...)})
			}
			pairs = kept
		}
		// "..., after Hollande ordered troops to help ...": a background
		// clause adds events between countries, or domestic coercion and
		// violence; a government's dealings with its own forces or people
		// there are circumstances of the main event
		sub := subj >= 0 && subordinators[a.chunks[subj].prep]
		for _, p := range pairs {
			if sub && p[0].Country() == p[1].Country() && !violentRoot(ev.code) && root(ev.code) != "14" {
				continue
			}
			// "Zapatero ordered Spanish troops to be brought home", "Putin
			// ordered the nuclear forces on high alert", "Ecuador ordered
			// troops to its border": a state's orders, aid or requests to
			// its own forces are no interaction between actors
			// (criticism, threats and coercion of them are, and so is what
			// opposition or rebels do to them)
			if stateAgent(p[1].Code) && len(p[1].Code) == 6 && (p[1].Country() == p[0].Country() || strings.HasPrefix(p[1].Code, "---")) && countryOf(p[0].Code) != "" && !domesticAgent(p[0].Code) && ownForcesRoot[root(ev.code)] {
				continue
			}
			rep := rep
			if rep != nil && rep.Code == p[0].Code {
				rep = nil
			}
			// "Maduro said that security forces had captured two U.S.
			// soldiers": a state's forces of no named country, in what one
			// of its officials reports, are that state's
			if rep != nil && strings.HasPrefix(p[0].Code, "---") && stateAgent(p[0].Code) && countryOf(rep.Code) != "" && rep.Country() != p[1].Country() {
				p[0].Code = rep.Country() + p[0].Code[3:]
			}
			// "Protesters stormed the U.S. embassy in Baghdad": an actor of
			// unknown country takes the country of the event's place (CAMEO)
			// (not officials, who meet and negotiate abroad)
			// (protesters, rebels and civilians acting in their own country's
			// place are of that country also when the target is: "protesters
			// stormed the government headquarters in Yerevan")
			if place != nil && len(place.Country) == 3 && !ev.unknown && strings.HasPrefix(p[0].Code, "---") && (place.Country != p[1].Country() || domesticAgent(p[0].Code)) && !strings.HasPrefix(p[0].Code, "---GOV") {
				p[0].Code = place.Country + p[0].Code[3:]
			}
			// "Rioters torched government offices in the Tongan capital": two
			// agents of no country in a sentence that names one country alone
			// are that country's (else the event says nothing of any)
			// (conflict only: a navy evacuating people is no event)
			if root(ev.code) >= "14" && strings.HasPrefix(p[0].Code, "---") && len(p[0].Code) > 3 && strings.HasPrefix(p[1].Code, "---") && len(p[1].Code) > 3 {
				if c := a.soleCountry(); c != "" {
					p[0].Code, p[1].Code = c+p[0].Code[3:], c+p[1].Code[3:]
				}
			}
			// "killed about 80 Yazidi men in northern Iraq and abducted women
			// and children": victims of no country in a coordinated
			// predicate are those of the violence before
			if coordVP && violentRoot(ev.code) && strings.HasPrefix(p[1].Code, "---") && len(evs) > 0 && violentRoot(evs[len(evs)-1].Code) && evs[len(evs)-1].Source.Code == p[0].Code {
				if c := countryOf(evs[len(evs)-1].Target.Code); c != "" {
					p[1].Code = c + p[1].Code[3:]
				}
			}
			e := CodedEvent{
				SentenceIndex: idx, Sentence: s, Source: p[0], Target: p[1], Code: victimCode(forceCode(ev.code, p[0], p[1], ev.clash), ev, p[0], p[1]),
				Date: day, Place: place, ReportedBy: rep,
				Evidence: ev.evidence,
			}
			evs = append(evs, e)
			// "Iran signed a deal with Turkey and Brazil": a formal agreement
			// is signed by both sides
			if strings.HasPrefix(e.Code, "057") && !strings.HasPrefix(p[1].Code, "---") && p[0].Country() != p[1].Country() {
				v := e
				v.Source, v.Target, v.ReportedBy = p[1], p[0], nil
				v.Evidence = append([]string{"transform:A signs with B = B signs with A"}, ev.evidence...)
				evs = append(evs, v)
			}
		}
	}
	evs = append(evs, a.reactions(idx, clauseSubj, dates, places, defDay)...)
	// "Abe said the launch was an unprecedented threat": a judgement in a
	// reporting verb's complement denounces the act's author
	for _, g := range groups {
		if !isSayGroup(g) || g.neg {
			continue
		}
		subj := a.subjectOf(g, 0)
		if subj < 0 {
			continue
		}
		code, tgt := a.judgedComplement(g)
		if code == "" {
			continue
		}
		sayer := a.coordinated(subj, true)
		if len(tgt) == 0 {
			tgt = a.firstSubject(g.first)
		}
		day := eventDate(dates, g.head, a.chunks[subj].start, a.clauseEnd(g.last+1), defDay)
		for _, src := range a.actorsOf(sayer) {
			for _, t := range a.actorsOf(tgt) {
				if src.Country() != t.Country() {
					evs = append(evs, CodedEvent{SentenceIndex: idx, Sentence: s, Source: src, Target: t, Code: code, Date: day,
						Evidence: append(append(a.evidenceOf(sayer), a.evidenceOf(tgt)...), "verb:"+lemmaKey(g.verb), "judgement")})
				}
			}
		}
	}
	evs = append(evs, a.warnings(idx, groups, evs, dates, defDay)...)
	evs = append(evs, a.talksHeld(evs)...)
	evs = append(evs, a.mediations(evs)...)
	return c.pairStage(a, idx, groups, dedupe(localize(withoutCompanyDeals(evs))), dates, st), "", ""
}

// withoutCompanyDeals drops cooperation between a business and anyone but
// a state ("Mexican airline Aeromexico agreed to lease four Boeing jets",
// "a Danish drugmaker agreed to license its antibody to a Japanese
// rival"): company news, not political interaction. A business dealing
// with a government or an international body stays ("a Chinese firm
// leased Hambantota port from Sri Lanka").
func withoutCompanyDeals(evs []CodedEvent) []CodedEvent {
	out := evs[:0:0]
	for _, e := range evs {
		// (the IMF's code, IGOBUSIMF, has a business segment too)
		business := !strings.HasPrefix(e.Source.Code, "IGO") && hasSegment(e.Source.Code, "BUS") || strings.HasPrefix(e.Source.Code, "MNC")
		stateTarget := strings.HasPrefix(e.Target.Code, "IGO") || stateAgent(e.Target.Code) || hasSegment(e.Target.Code, "GOV", "LEG")
		if business && !stateTarget && cooperativeRoot(root(e.Code)) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// cooperativeRoot reports the roots of verbal and material cooperation
// (01-08).
func cooperativeRoot(r string) bool {
	return r >= "01" && r <= "08"
}

// actorAfter returns the first chunk starting after position from and
// before lim that keep accepts and that names an actor of a country other
// than src's (of any country when anyCountry is set), or -1.
func (a *analysis) actorAfter(from, lim int, keep func(*chunk) bool, src schema.Actor, anyCountry bool) int {
	for ci := range a.chunks {
		ch := &a.chunks[ci]
		if ch.start <= from || ch.start >= lim || !keep(ch) {
			continue
		}
		if r := a.resolve(ci); r.hasActor && countryOf(r.actor.Code) != "" && (anyCountry || r.actor.Country() != src.Country()) {
			return ci
		}
	}
	return -1
}

// namingVerbs name a thing in a free relative: "what the military called
// limited ground raids".
var namingVerbs = map[string]bool{"CALLED": true, "CALLS": true, "DESCRIBED": true, "DESCRIBES": true,
	"TERMED": true, "TERMS": true, "DUBBED": true, "BILLED": true}

// dropNamingRelative removes a free relative that only names what follows
// ("Israeli troops launched what the military called limited ground raids
// against Hezbollah targets"): the verb acts on the thing named.
func dropNamingRelative(toks []token) []token {
	for i := 1; i+2 < len(toks); i++ {
		if toks[i].up != "WHAT" {
			continue
		}
		for j := i + 2; j < len(toks) && j <= i+6; j++ {
			if toks[j].punct {
				break
			}
			if namingVerbs[toks[j].up] {
				end := j + 1
				if end < len(toks) && toks[end].up == "AS" {
					end++
				}
				if end < len(toks) && !toks[end].punct {
					return append(toks[:i:i], toks[end:]...)
				}
				break
			}
		}
	}
	return toks
}

// threatWords in a warning make it a threat of force (138).
var threatWords = map[string]bool{"ATTACK": true, "ATTACKS": true, "STRIKE": true, "STRIKES": true, "WAR": true,
	"FORCE": true, "MILITARY": true, "RETALIATION": true, "BOMBINGS": true, "MISSILES": true}

// warnings codes a warning of what will happen as a threat: "Iran warned
// that it would close the Strait of Hormuz if the West imposed sanctions"
// (130), "and warned that more attacks on Russian cities would follow"
// (138). The threat is aimed at an actor named in the warning, else at the
// condition's subject, else at the subject of the clause before.
func (a *analysis) warnings(idx int, groups []*group, evs []CodedEvent, dates []dateExpr, defDay time.Time) []CodedEvent {
	var out []CodedEvent
	for _, g := range groups {
		if g.neg || g.verb.lemma != "WARN" && g.verb.lemma != "CAUTION" || !a.thatFollows(g) {
			continue
		}
		subj := a.subjectOf(g, 0)
		if subj < 0 {
			continue
		}
		sayer := a.coordinated(subj, true)
		srcs := a.actorsOf(sayer)
		if len(srcs) == 0 {
			continue
		}
		future, force := false, false
		end := g.last + 1
		for ; end < len(a.toks) && a.up(end) != ";"; end++ {
			switch u := a.up(end); {
			case u == "WOULD" || u == "WILL":
				future = true
			case threatWords[u]:
				force = true
			}
		}
		if !future {
			continue
		}
		coded := false
		for _, e := range evs {
			coded = coded || e.Source.Code == srcs[0].Code && root(e.Code) == "13"
		}
		if coded {
			continue
		}
		var tgt []int
		noPron := func(ch *chunk) bool { return ch.pron == "" }
		if ci := a.actorAfter(g.last, end, noPron, srcs[0], domesticAgent(srcs[0].Code)); ci >= 0 {
			tgt = []int{ci}
		}
		if len(tgt) == 0 {
			if ci := a.conditionSubject(g.last + 1); ci >= 0 {
				tgt = []int{ci}
			}
		}
		if len(tgt) == 0 {
			tgt = a.firstSubject(g.first)
		}
		code := "130"
		if force {
			code = "138"
		}
		day := eventDate(dates, g.head, a.chunks[subj].start, end, defDay)
		for _, src := range srcs {
			for _, t := range a.actorsOf(tgt) {
				if src.Code != t.Code && (src.Country() != t.Country() || domesticAgent(src.Code)) {
					out = append(out, CodedEvent{SentenceIndex: idx, Sentence: a.text, Source: src, Target: t, Code: code, Date: day,
						Evidence: append(append(a.evidenceOf(sayer), a.evidenceOf(tgt)...), "verb:"+lemmaKey(g.verb), "warning")})
				}
			}
		}
	}
	return out
}

// talksHeld adds the meeting that a sentence mentions as the setting of an
// event between two countries: "Scholz urged Xi to use his influence ...
// during talks in Beijing", "agreed ... at their first face-to-face
// meeting" (040 both ways).
func (a *analysis) talksHeld(evs []CodedEvent) []CodedEvent {
	at := -1
	for j := 0; j+1 < len(a.toks); j++ {
		switch a.up(j) {
		case "DURING", "AT", "AFTER", "FOLLOWING":
		default:
			continue
		}
		for k := j + 1; k < len(a.toks) && k <= j+5; k++ {
			if u := a.up(k); u == "TALKS" || u == "MEETING" {
				at = k
				// "after talks on a price dispute collapsed"
				for x := k + 1; x < len(a.toks) && x <= k+6 && !a.toks[x].punct; x++ {
					switch a.up(x) {
					case "COLLAPSED", "FAILED", "BROKE", "STALLED", "ENDED":
						at = -1
					}
				}
				break
			}
			if a.toks[k].punct || a.isVerb[k] {
				break
			}
		}
		if at >= 0 {
			break
		}
	}
	if at < 0 {
		return nil
	}
	var out []CodedEvent
	for _, e := range evs {
		if root(e.Code) == "04" || violentRoot(e.Code) || e.Source.Country() == e.Target.Country() || countryOf(e.Source.Code) == "" || countryOf(e.Target.Code) == "" {
			continue
		}
		for _, p := range [][2]schema.Actor{{e.Source, e.Target}, {e.Target, e.Source}} {
			m := e
			m.Source, m.Target, m.Code, m.ReportedBy = p[0], p[1], "040", nil
			m.Evidence = append(append([]string{}, e.Evidence...), "setting:"+a.toks[at].text)
			out = append(out, m)
		}
		break
	}
	return out
}

// mediations adds the mediator of an agreement the sentence codes: "signed
// a Qatari-brokered deal", "a U.S.-brokered ceasefire", "a peace
// agreement mediated by the Trump administration" is the mediator
// mediating (045) for each party.
func (a *analysis) mediations(evs []CodedEvent) []CodedEvent {
	var med []schema.Actor
	for j, t := range a.toks {
		u := t.up
		switch {
		case strings.HasSuffix(u, "-BROKERED") || strings.HasSuffix(u, "-MEDIATED"):
			// one token: "QATARI-BROKERED"
			if m, ok := a.wordActor(u[:strings.LastIndexByte(u, '-')]); ok {
				med = append(med, m)
			}
		case (u == "BROKERED" || u == "MEDIATED") && j > 1 && a.up(j-1) == "-":
			// split: "U.S. - brokered" (the backer mention was cleared)
			if m, ok := a.wordActor(a.up(j - 2)); ok {
				med = append(med, m)
			}
		case (u == "BROKERED" || u == "MEDIATED") && a.up(j+1) == "BY":
			if ci := a.chunkAt(j + 2); ci >= 0 {
				if r := a.resolve(ci); r.hasActor && (countryOf(r.actor.Code) != "" || strings.HasPrefix(r.actor.Code, "IGO")) {
					med = append(med, r.actor)
				}
			}
		}
	}
	if len(med) == 0 {
		return nil
	}
	var out []CodedEvent
	seen := map[string]bool{}
	for _, e := range evs {
		if !(strings.HasPrefix(e.Code, "057") || strings.HasPrefix(e.Code, "0871") || root(e.Code) == "03") {
			continue
		}
		for _, m := range med {
			for _, party := range []schema.Actor{e.Source, e.Target} {
				c := countryOf(party.Code)
				if c == "" || c == countryOf(m.Code) || seen[m.Code+c] {
					continue
				}
				seen[m.Code+c] = true
				v := e
				v.Source, v.Target, v.Code, v.ReportedBy = m, schema.Actor{Code: c, Name: party.Name}, "045", nil
				v.Evidence = append(append([]string{}, e.Evidence...), "mediator:"+m.Code)
				out = append(out, v)
			}
		}
	}
	return out
}

// wordActor returns the country or international body a one-word actor
// phrase names at the sentence's date ("QATARI", "U.S.").
func (a *analysis) wordActor(w string) (schema.Actor, bool) {
	lx := a.c.lx
	for _, id := range lx.actors.first[w] {
		if len(lx.actors.words[id]) != 1 {
			continue
		}
		c := selectCode(lx.actorInfo[id].codes, a.day, a.hasDay)
		if c != "---" && (countryOf(c) != "" || strings.HasPrefix(c, "IGO")) {
			return schema.Actor{Code: c, Name: lx.actorInfo[id].name}, true
		}
		break
	}
	return schema.Actor{}, false
}

// subjAt is the subject of the clause whose verb group starts at tok.
type subjAt struct {
	tok   int
	subjs []int
}

// causeWords are participles that introduce a consequence of the clause
// before them: ", prompting Israel to recall", ", drawing condemnation from".
var causeWords = map[string]bool{
	"PROMPTING": true, "FORCING": true, "LEADING": true, "CAUSING": true, "SPURRING": true, "PUSHING": true,
	"PROVOKING": true, "TRIGGERING": true, "SPARKING": true, "DRAWING": true, "DREW": true, "DRAW": true,
	"DRAWS": true, "DRAWN": true, "PROMPTED": true, "PROMPTS": true, "SPARKED": true, "TRIGGERED": true,
	"PROVOKED": true, "EARNING": true, "EARNED": true, "ATTRACTING": true, "ATTRACTED": true,
	"INVITING": true, "GARNERING": true, "ELICITING": true, "ELICITED": true,
}

// causeSubject returns the causee chunk of "..., prompting X to V" for the
// group of V, or -1.
func (a *analysis) causeSubject(g *group) int {
	j := g.first - 1
	for j >= 0 && a.is(j, wAdv) {
		j--
	}
	if a.up(j) != "TO" {
		return -1
	}
	ci := a.chunkAt(j - 1)
	if ci < 0 || !a.resolve(ci).hasActor {
		return -1
	}
	s := a.chunks[ci].start
	switch {
	case causeWords[a.up(s)] && a.ment[s] < 0 && a.chunks[ci].end > s+1:
	case causeWords[a.up(s-1)]:
	default:
		return -1
	}
	return ci
}

// reactionNouns code the reaction named in "drawing condemnation from X",
// "sparked protests from X", "drew a diplomatic protest from China".
var reactionNouns = map[string]string{
	"CONDEMNATION": "111", "CONDEMNATIONS": "111", "CRITICISM": "111", "CRITICISMS": "111", "REBUKE": "111",
	"REBUKES": "111", "CENSURE": "111", "DENUNCIATION": "111", "DENUNCIATIONS": "111", "PROTEST": "114",
	"PROTESTS": "114", "COMPLAINT": "114", "COMPLAINTS": "114", "PRAISE": "051", "WARNING": "130",
	"WARNINGS": "130", "THREATS": "130", "RETALIATION": "13", "SANCTIONS": "163", "PROTESTATIONS": "114",
	"APPEALS": "020", "CALLS": "020", "DEMANDS": "100", "CONGRATULATIONS": "051",
}

// reactionCue reports a cause word ("drawing", "prompting") in the sentence.
func (a *analysis) reactionCue() bool {
	for i := range a.toks {
		if causeWords[a.up(i)] {
			return true
		}
	}
	return false
}

// reactions codes "..., drawing condemnation from China and South Korea":
// the actors after FROM react to the subject of the clause before.
func (a *analysis) reactions(idx int, clauses []subjAt, dates []dateExpr, places []placeExpr, defDay time.Time) []CodedEvent {
	var out []CodedEvent
	for i := range a.toks {
		if !causeWords[a.up(i)] || i == 0 {
			continue
		}
		code, k := "", i+1
		for ; k < len(a.toks) && k <= i+4; k++ {
			if c, ok := reactionNouns[a.up(k)]; ok {
				code = c
				continue
			}
			if code != "" || a.toks[k].punct || a.is(k, wPrep) && a.up(k) != "OF" {
				break
			}
		}
		if code == "" || a.up(k) != "FROM" {
			continue
		}
		ci := a.chunkAt(k + 1)
		if ci < 0 || !a.resolve(ci).hasActor {
			continue
		}
		var tgt []int
		for _, cs := range clauses {
			if cs.tok < i {
				tgt = cs.subjs
			}
		}
		if len(tgt) == 0 {
			// "North Korea test-fired a missile, drawing ...": the first
			// actor chunk that is no prepositional object
			for cj := range a.chunks {
				if ch := &a.chunks[cj]; ch.start < i && ch.prep == "" && !ch.time && ch.pron == "" && a.resolve(cj).hasActor {
					tgt = []int{cj}
					break
				}
			}
		}
		if len(tgt) == 0 {
			continue
		}
		srcs := a.coordinated(ci, false)
		code = a.c.validCode(code)
		if code == "" {
			continue
		}
		day := eventDate(dates, i, i, min(len(a.toks), k+8), defDay)
		for _, s := range a.actorsOf(srcs) {
			for _, t := range a.actorsOf(tgt) {
				if s.Code == t.Code {
					continue
				}
				out = append(out, CodedEvent{SentenceIndex: idx, Sentence: a.text, Source: s, Target: t, Code: code, Date: day,
					Place:    eventPlace(places, i, i, min(len(a.toks), k+8)),
					Evidence: append(append(a.evidenceOf(srcs), a.evidenceOf(tgt)...), "reaction:"+a.up(i)+" "+strings.ToLower(a.up(k-1))+" FROM")})
			}
		}
	}
	return out
}

// plainCode is the code of a verb group in isolation (for complements).
func (a *analysis) plainCode(g *group, subjs []int) string {
	act, _, _ := a.codeOne(g, subjs, g.last+1, min(len(a.toks), g.last+16))
	if g.comp != nil {
		if cact, _, _ := a.codeOne(g.comp, subjs, g.comp.last+1, min(len(a.toks), g.comp.last+16)); cact != "" {
			act = cact
		}
	}
	return act
}

// trailingSay reports whether a reporting verb closes the sentence's main
// clause (", officials said on Monday.") rather than introducing one.
func (a *analysis) trailingSay(g *group) bool {
	j := g.last + 1
	for j < len(a.toks) {
		if a.chunkOf[j] >= 0 && a.chunks[a.chunkOf[j]].time {
			j = a.chunks[a.chunkOf[j]].end
			continue
		}
		if a.is(j, wPrep) && a.chunkAt(j+1) >= 0 && a.chunks[a.chunkAt(j+1)].time {
			j++
			continue
		}
		break
	}
	if j >= len(a.toks) {
		return true
	}
	u := a.up(j)
	if u == "." || u == "," || u == ";" {
		return g.first > 0
	}
	return false
}

// groupEvent is the result of coding one verb group.
type groupEvent struct {
	tgts     []int // target chunks
	code     string
	killing  bool // a killing verb: its victims decide assault or fight
	unknown  bool // the source is an unnamed attacker, of no place's country
	clash    bool // a verb of physical conflict ("clashed", "attacked"), which officials can do in words
	victims  int  // how many the target chunk counts ("about 80 Yazidi men"), 0 if none
	place    bool // the target is where the act happened ("attacked a mall in Nairobi")
	pairs    [][2]schema.Actor
	evidence []string
	hi       int
}

// codeOne finds the code of a single verb (no complement), with the
// pattern that decided it.
func (a *analysis) codeOne(g *group, subj []int, from, to int) (active, passive, pat string) {
	v := g.verb
	base := v.code
	if base == "" {
		base = a.c.lx.blockCode[v.block]
	}
	ps, pe := 0, 0
	if len(subj) > 0 {
		ps, pe = a.chunks[subj[0]].start, a.chunks[subj[0]].end
	}
	if g.passive {
		// in a passive the subject is the verb's object: match it against the post side
		if len(subj) > 0 {
			s := a.chunks[subj[0]].start
			if p := a.bestPattern(v.block, 0, 0, s, g.first); p != nil {
				act, pas := splitCode(p.code)
				return act, pas, p.text
			}
		}
		if p := a.bestPattern(v.block, 0, 0, from, to); p != nil {
			act, pas := splitCode(p.code)
			return act, pas, p.text
		}
	} else if p := a.bestPattern(v.block, ps, pe, from, to); p != nil {
		act, pas := splitCode(p.code)
		return act, pas, p.text
	}
	act, pas := splitCode(base)
	return act, pas, ""
}

// codeGroup codes a verb group with its subject chunks; say are the chunks
// of the reporting actor (for pronoun objects).
func (a *analysis) codeGroup(g *group, subjs []int, say []int) *groupEvent {
	end := g.last + 1
	if g.comp != nil {
		last := g.comp
		for last.comp != nil {
			last = last.comp
		}
		end = last.last + 1
	}
	hi := a.clauseEnd(end)
	if g.comp == nil {
		hi = a.clauseEnd(g.last + 1)
	}
	act, pas, pat := a.codeOne(g, subjs, g.last+1, min(hi, g.last+16))
	code := act
	swap := false
	if g.passive {
		code = pas
		if code == "" {
			code = act
		}
	} else if act == "" && pas != "" {
		code, swap = pas, true // "faces criticism from X": X is the source
	}
	// "Taliban gunmen battled security forces for 12 hours", "commandos
	// stormed a ship bound for Gaza": armed men attacking do not criticise
	if root(code) == "11" && g.verb.block == "PHYSICAL_CONFLICT" && len(subjs) > 0 {
		if r := a.resolve(subjs[0]); r.hasActor && (armedGroup(r.actor.Code) || stateAgent(r.actor.Code)) {
			code = "190"
		}
	}
	// "supporters of Bolsonaro stormed Congress": storming is physical
	// whatever is stormed (the dictionary's blocks on "attacked Congress"
	// are for verbal attacks)
	if g.verb.lemma == "STORM" && code == "" && !g.passive {
		code = "190"
	}
	// "The United States charged Maduro with narco-terrorism": a charge
	// with a crime is legal action (not "accused him of conspiring with")
	if g.verb.lemma == "CHARGE" && root(code) == "11" {
		if ci := a.chunkAt(g.last + 1); ci >= 0 && a.up(a.chunks[ci].end) == "WITH" {
			code = "173"
		}
	}
	// "Hezbollah guerrillas captured two Israeli soldiers in a raid":
	// seizing people is an abduction (by armed groups) or an arrest
	if strings.HasPrefix(code, "171") && a.peopleObject(g.last+1) {
		code = "173"
		if sj := subjs; len(sj) > 0 && armedGroup(a.resolve(sj[0]).actor.Code) {
			code = "181"
		}
	}
	// "U.S. troops captured Saddam Hussein": capturing a named person is an
	// arrest (the dictionary's "military capture" pattern is for places)
	if code == "192" && (g.verb.lemma == "CAPTURE" || g.verb.lemma == "SEIZE") && a.personNamed(g.last+1) {
		code = "173"
		if sj := subjs; len(sj) > 0 && armedGroup(a.resolve(sj[0]).actor.Code) {
			code = "181"
		}
	}
	// "pulled out of southern Lebanon", "were pulling out of ECOWAS": a
	// withdrawal
	if ps := g.verb.particles; len(ps) > 0 && ps[len(ps)-1] == "OUT" && a.up(g.last+1) == "OF" && (code == "" || code == "040") {
		code = "0874"
	}
	// "Mali withdrew from ECOWAS", "were pulling out of the bloc": a state
	// leaving an international body cuts its ties (16), it does not
	// withdraw forces
	if code == "0874" && len(subjs) > 0 {
		if r := a.resolve(subjs[0]); r.hasActor && !stateAgent(r.actor.Code) && !armedGroup(r.actor.Code) {
			for cj := range a.chunks {
				ch := &a.chunks[cj]
				if ch.start > g.last && ch.start < hi && (ch.prep == "FROM" || ch.prep == "OF") {
					if t := a.resolve(cj); t.hasActor && strings.HasPrefix(t.actor.Code, "IGO") && !hasSegment(t.actor.Code, "MIL") {
						code = "160"
					}
					break
				}
			}
		}
	}
	// "Kim Dae-jung flew into Pyongyang for the first summit": a leader
	// travelling to a country visits it (the dictionary's patterns are for
	// aircraft and troops)
	// ("Jimmy Carter landed in Havana at the start of a five-day trip",
	// "walked across the border into North Korea for talks": a trip by a
	// leader or office holder with no code of its own is a visit too)
	if (root(code) == "15" && travelLemmas[g.verb.lemma] || code == "" && arrivalLemmas[g.verb.lemma]) && len(subjs) > 0 && !g.neg {
		if r := a.resolve(subjs[0]); r.hasActor && (hasSegment(r.actor.Code, "GOV", "ELI") || r.actor.Code == "VAT") && !hasSegment(r.actor.Code, "MIL") {
			code = "042"
		}
	}
	// "Palestinian protesters hurled stones at Israeli police":
	// protesters' violence is a violent protest (145)
	if root(code) == "18" && len(subjs) > 0 {
		if r := a.resolve(subjs[0]); r.hasActor && hasSegment(r.actor.Code, "OPP") && !armedGroup(r.actor.Code) {
			code = "145"
		}
	}
	// "Soldiers arrested President Zelaya": whoever arrests, an arrest is
	// an arrest (the dictionary's "military seize" pattern is for places)
	if arrestLemmas[g.verb.lemma] && code != "" && root(code) != "17" && root(code) != "08" {
		code = "173"
	}
	kind := controlLemmas[g.verb.lemma]
	causeOwn := false
	tgtFrom, tgtTo := g.last+1, hi
	evidence := []string{"verb:" + lemmaKey(g.verb)}
	if pat != "" {
		evidence = append(evidence, "pattern:"+pat)
	}
	if g.comp != nil {
		c := g.comp
		for c.comp != nil && controlLemmas[c.verb.lemma] == ctlPass {
			c = c.comp
		}
		cact, _, cpat := a.codeOne(c, subjs, c.last+1, min(hi, c.last+16))
		if cpat != "" {
			evidence = append(evidence, "pattern:"+cpat)
		}
		evidence = append(evidence, "verb:"+lemmaKey(c.verb))
		hasCtrl := g.ctrlChunk >= 0
		switch kind {
		case ctlIntent:
			code = intentCode(cact)
			// "Qatar has pledged to expel Brotherhood leaders": a promise to
			// coerce or cut ties has no intent code; it is the act
			if pledgeLemmas[g.verb.lemma] && (root(cact) == "16" || root(cact) == "17") {
				code = cact
			}
			// "The EU agreed to ban imports": a body's decision to reduce
			// relations or impose sanctions is the act itself, not a threat
			// (agreeing to yield stays an intent: "agreed to resign", 0341)
			// ("EU foreign ministers agreed to suspend most sanctions against
			// Myanmar": so is a decision to ease them)
			if (g.verb.lemma == "AGREE" || g.verb.lemma == "DECIDE" || g.verb.lemma == "VOTE") && !g.future && (root(cact) == "16" || strings.HasPrefix(cact, "085")) {
				code = cact
			}
			// "the United Arab Emirates vowed to respond": a promised
			// retaliation is a threat
			if retaliateLemmas[c.verb.lemma] {
				cact = "130"
				code = "130"
			}
			if cact == "" {
				code = ""
				switch g.verb.lemma {
				case "AGREE", "PLEDGE", "PROMISE", "OFFER", "VOW", "COMMIT":
					code = "030"
				}
			}
		case ctlThreat:
			code = threatCode(cact)
		case ctlRefuse:
			if g.verb.lemma == "DECLINE" && c.verb.lemma == "COMMENT" {
				code = "011"
			} else {
				code = rejectCode(cact)
			}
		case ctlWant:
			switch {
			case cact == "":
				code = ""
			case hasCtrl:
				code = appealCode(cact)
			default:
				code = intentCode(cact)
			}
		case ctlAppeal:
			if hasCtrl && cact != "" {
				code = appealCode(cact)
			}
		case ctlDemand:
			if cact != "" {
				code = demandCode(appealCode(cact))
			}
		case ctlDeny:
			return nil
		case ctlPass:
			code = cact
		case ctlCause:
			// "ordered U.S. Ambassador Philip Goldberg to leave the country":
			// an expulsion, of a diplomat a cut in relations, of inspectors
			// or peacekeepers their expulsion (1662, 1661)
			if departLemmas[c.verb.lemma] && hasCtrl {
				ca, sa := a.actorsOf([]int{g.ctrlChunk}), a.actorsOf(subjs)
				switch {
				case len(ca) > 0 && len(sa) > 0 && stateAgent(ca[0].Code) && (strings.HasPrefix(ca[0].Code, "---") || ca[0].Country() == sa[0].Country()):
					cact = "0874" // "ordered the army to leave the border area": a withdrawal
				case diplomatHeads[a.up(a.headBeforeOf(g.ctrlChunk))] || a.chunkHasWord(g.ctrlChunk, diplomatHeads):
					cact = "161"
				case a.chunkHasWord(g.ctrlChunk, inspectorWords):
					cact = "1662"
				case a.chunkHasWord(g.ctrlChunk, peacekeeperWords):
					cact = "1661"
				case a.chunkHasWord(g.ctrlChunk, aidWorkerWords):
					cact = "1663"
				default:
					cact = "174"
				}
			}
			if !hasCtrl || cact == "" {
				return nil
			}
			code = cact
			// "ordered troops to help the Malian army": an order to one's own
			// forces is the orderer's act on the complement's object
			if ca, sa := a.actorsOf([]int{g.ctrlChunk}), a.actorsOf(subjs); len(ca) > 0 && len(sa) > 0 && (strings.HasPrefix(ca[0].Code, "---") || ca[0].Country() == sa[0].Country()) {
				hasCtrl, causeOwn = false, true
			}
		default:
			if g.passive && g.verb.lemma == "SCHEDULE" || code == "" {
				code = cact
			}
		}
		if c.neg {
			return nil
		}
		if hasCtrl {
			tgtFrom, tgtTo = -1, -1
		} else {
			tgtFrom = c.last + 1
		}
	} else if kind == ctlDeny {
		return nil
	}
	if code == "" || g.spec {
		return nil
	}
	// "Erdogan called Putin his dear friend", "called the crash a terrorist
	// act": CALL with a second object names something, it is no phone call
	evaluative := false
	if judgeLemmas[g.verb.lemma] && g.comp == nil && (!a.is(g.last+1, wPrep) || a.up(g.last+1) == "AS" && g.verb.lemma != "CALL") {
		switch a.verdictAfter(g.last+1, min(hi, g.last+8)) {
		case "111":
			code, evaluative = "111", true // "calling him a dictator", "called the test a grave provocation"
		case "12":
			code, evaluative = "120", true // "calling the decision null and void"
		default:
			if g.verb.lemma != "CALL" {
				break
			}
			if a.callNames(g) {
				return nil
			}
		}
	}
	// "Russia said it would expel 60 U.S. diplomats": an announced cut
	// in relations is the act; only a condition makes it a threat
	if g.future && g.comp == nil && !(root(code) == "16" && !a.conditionAfter(g.last+1, len(a.toks))) {
		code = intentCode(code)
	}
	if g.neg {
		// "The European Union does not recognise the results": refusing
		// recognition, acceptance or support now is a rejection (12)
		if g.comp == nil && !g.perfect && acceptLemmas[g.verb.lemma] && a.presentTense(g) {
			code = "120"
		} else if g.future && g.comp == nil && !acceptLemmas[g.verb.lemma] && !complyLemmas[g.verb.lemma] {
			// "Germany would not take part in any military action", "Israel
			// will not supply weapons to Ukraine": an act ruled out is no
			// event ("would not abide by the resolution" rejects it, below)
			return nil
		} else if g.future || kind == ctlIntent || kind == ctlWant {
			code = rejectCode(code)
			if code == "" {
				code = "120"
				if !g.future || !complyLemmas[g.verb.lemma] {
					return nil
				}
			}
		} else {
			return nil
		}
	}
	// "Turkish F-16 jets shot down a Russian warplane": the weapon in the
	// subject makes no bombing (183) of shooting an aircraft down
	if strings.HasPrefix(code, "183") && (a.up(g.last) == "DOWN" || g.last+1 < len(a.toks) && a.up(g.last+1) == "DOWN") {
		code = "190"
	}
	// "sent 1,000 troops into Bahrain to help the rulers quell protests":
	// forces sent to help are military assistance (074), not a threat
	if root(code) == "15" && a.helpPurpose(g.last+1, hi+1) {
		code = "074"
	}
	// "Fernando Villavicencio was shot dead": a killing verb in the
	// passive is an assault on its subject even where the dictionary gives
	// the bare verb no code (the attacker, if any, is decided below)
	if code == "" && g.passive && g.comp == nil && !g.neg && killLemmas[g.verb.lemma] {
		code = "180"
	}
	// "flew him to Costa Rica", "flew dozens of Roma back to Romania":
	// flying someone somewhere is no visit of the subject's
	if strings.HasPrefix(code, "042") && g.verb.lemma == "FLY" {
		if ci := a.chunkAt(g.last + 1); ci >= 0 && a.chunks[ci].prep == "" && !a.chunks[ci].time {
			return nil
		}
	}
	code = a.c.validCode(code)
	if code == "" {
		return nil
	}
	// roles
	var srcs, tgts []int
	victimPlace := ""
	byAttack := false      // the source is the side of a named attack
	unknownSource := false // the attacker is not named
	switch {
	case g.passive && g.comp == nil || swap:
		srcs = a.byAgent(g.last+1, hi)
		tgts = subjs
		// "Four children were killed in Israeli tank shelling in Gaza": the
		// attack's named side is the source, the place's country the victims'
		if len(srcs) == 0 && violentRoot(code) {
			if at := a.attackPP(g.last+1, hi); at >= 0 {
				srcs, byAttack = []int{at}, true
				victimPlace = a.placeCountry(at+1, hi)
			}
		}
		// "evidence against Russia was presented by the US": the target is in the subject's PP
		if len(subjs) == 1 && len(a.actorsOf(subjs)) == 0 && subjs[0]+1 < len(a.chunks) {
			nx := subjs[0] + 1
			if p := a.chunks[nx].prep; (p == "AGAINST" || p == "ON" || p == "TO" || p == "FOR") && a.chunks[nx].start == a.chunks[subjs[0]].end+1 && a.resolve(nx).hasActor {
				tgts = []int{nx}
			}
		}
		// "sanctions were imposed on Russia by Japan": a thing as subject,
		// the target in a PP after the verb
		if len(a.actorsOf(tgts)) == 0 && len(srcs) > 0 && (len(subjs) == 0 || a.chunks[subjs[0]].pron == "") {
			for _, ci := range a.objectOf(g.last+1, hi, code) {
				if a.chunks[ci].prep != "" && a.chunks[ci].prep != "BY" && a.chunks[ci].prep != "FROM" {
					tgts = append(tgts, ci)
				}
			}
		}
	default:
		// "Senior Iranian commander killed near Aleppo", "officers to die in
		// the conflict": the subject is the victim and no attacker is named
		if violentRoot(code) && (victimLemmas[g.verb.lemma] || g.bare && g.comp == nil && patientVerb(g.verb) && !a.directObject(g)) {
			return nil
		}
		srcs = subjs
		if tgtFrom < 0 {
			tgts = a.coordinated(g.ctrlChunk, false)
		} else {
			tgts = a.objectOf(tgtFrom, tgtTo, code)
			// "recaptured the city of Ramadi from Islamic State militants":
			// a place taken from someone is taken from them
			if takeLemmas[g.verb.lemma] {
				if fr := a.fromActor(tgtFrom, tgtTo); fr >= 0 {
					tgts = a.coordinated(fr, false)
				}
			}
			if len(tgts) == 0 && g.comp != nil {
				tgts = a.objectOf(g.last+1, g.comp.first, code)
			}
			// "Russia joined the United States and China in condemning North
			// Korea's test": the joined act too, on the gerund's object
			if g.verb.lemma == "JOIN" && len(tgts) > 0 {
				for nx := tgts[len(tgts)-1] + 1; nx < len(a.chunks) && a.chunks[nx].start < hi; nx++ {
					if a.chunks[nx].prep == "IN" && a.formKindAt(a.chunks[nx].start) == 'g' && a.resolve(nx).hasActor {
						srcs = append(append([]int{}, subjs...), tgts...)
						tgts = []int{nx}
						break
					}
				}
			}
		}
	}
	if causeOwn {
		known := false
		for _, t := range a.actorsOf(tgts) {
			known = known || countryOf(t.Code) != ""
		}
		if !known {
			return nil
		}
	}
	// "..., accusing the Nordic countries of harbouring militants": a
	// definite description of countries refers back like a pronoun
	if len(say) > 0 && !g.passive {
		if ci := a.chunkAt(g.last + 1); ci >= 0 && a.chunks[ci].prep == "" && (!a.resolve(ci).hasActor || strings.HasPrefix(a.resolve(ci).actor.Code, "---")) && a.up(a.chunks[ci].start) == "THE" && anaphoricHeads[a.up(a.headBeforeOf(ci))] {
			tgts = say
		}
	}
	// object pronouns refer to the reporting actor ("fired at it") or, in a
	// purpose or participle clause, to the previous clause's target
	if len(say) > 0 && !g.passive && a.pronObject(g) {
		tgts = say
	}
	if len(a.actorsOf(tgts)) == 0 && len(say) > 0 {
		for j := g.last + 1; j < hi; j++ {
			if a.is(j, wObjPron) && a.ment[j] < 0 {
				tgts = say
				break
			}
		}
	}
	sa, ta := a.actorsOf(srcs), a.actorsOf(tgts)
	// "Irish voters rejected the Lisbon Treaty in a referendum", "Swiss
	// voters approved a ban": a vote's result is no actor's act
	if len(srcs) == 1 && !g.passive && a.chunkHasWord(srcs[0], voterWords) {
		return nil
	}
	// "A truck bomb tore through the United Nations headquarters in
	// Baghdad", "Ten bombs exploded on commuter trains in Madrid": a bomb
	// as subject is a bombing by someone unnamed
	// ("A truck packed with explosives blew up": the participle hides
	// the subject)
	if len(srcs) == 0 && !g.passive {
		if ci := a.chunkAt(g.first - 1); ci > 0 {
			if c0 := a.chunkAt(a.chunks[ci].start - 3); c0 >= 0 && a.ladenWithBombs(c0) && !a.resolve(c0).hasActor {
				srcs = []int{c0}
			}
		}
	}
	if len(sa) == 0 && len(srcs) == 1 && !g.passive && (a.chunkHasWord(srcs[0], bombWords) || a.ladenWithBombs(srcs[0])) && (code == "" || violentRoot(code) || bombLemmas[g.verb.lemma]) {
		sa = []schema.Actor{{Code: "---", Name: "unknown attacker"}}
		unknownSource = true
		// (a bomb is no military force: "a car bomb destroyed the
		// headquarters" is a bombing, 183, not 190)
		if code == "" || !violentRoot(code) || root(code) == "19" {
			code = "183"
		}
		if len(ta) == 0 {
			for ci := range a.chunks {
				if ch := &a.chunks[ci]; ch.start > g.last && ch.start < hi && (ch.prep == "THROUGH" || ch.prep == "ON" || ch.prep == "AT" || ch.prep == "INTO") && a.resolve(ci).hasActor && !strings.HasPrefix(a.resolve(ci).actor.Code, "---") {
					tgts, ta = []int{ci}, a.actorsOf([]int{ci})
					break
				}
			}
		}
	}
	// "Benazir Bhutto was assassinated on Thursday": violence done to a
	// named official by no one the sentence names has an unknown source
	// (soldiers "killed in the fighting" stay without an event)
	// (and so to anyone named who is no fighter: "Boris Nemtsov was gunned
	// down", "Bishop Juan Gerardi was beaten to death")
	// (a victim of no named country is of the place's: "Bishop Juan
	// Gerardi was beaten to death in his parish house in Guatemala City")
	passiveKilling := len(sa) == 0 && len(srcs) == 0 && g.passive && g.comp == nil && !swap && (root(code) == "18" || root(code) == "19" || root(code) == "20") && len(ta) > 0 &&
		(killLemmas[g.verb.lemma] || g.verb.lemma == "GUN" || g.verb.lemma == "BEAT" && a.up(g.last+1) == "TO" && a.up(g.last+2) == "DEATH") &&
		(officialCode(ta[0].Code) || !stateAgent(ta[0].Code) && !armedGroup(ta[0].Code)) && !a.accidentIn(g.last+1)
	if passiveKilling && countryOf(ta[0].Code) == "" && strings.HasPrefix(ta[0].Code, "---") {
		for ci := range a.chunks {
			if a.chunks[ci].start > g.last {
				if c := a.placeCountry(ci, hi); c != "" {
					ta[0].Code = c + ta[0].Code[3:]
				}
				break
			}
		}
	}
	if passiveKilling && countryOf(ta[0].Code) != "" {
		sa = []schema.Actor{{Code: "---", Name: "unknown attacker"}}
		unknownSource = true
		// an armed attack on someone who is no fighter is an assault
		if root(code) == "19" {
			code = "180"
			if officialCode(ta[0].Code) {
				code = "186"
			}
		}
	}
	// "Kremlin critic Alexei Navalny was detained at a Moscow airport": an
	// arrest by no one named is by the authorities of the person's country
	if len(sa) == 0 && len(srcs) == 0 && g.passive && g.comp == nil && !swap && strings.HasPrefix(code, "173") && (arrestLemmas[g.verb.lemma] || g.verb.lemma == "CAPTURE") && len(ta) > 0 && countryOf(ta[0].Code) != "" && !strings.HasPrefix(ta[0].Code, "---") {
		sa = []schema.Actor{{Code: ta[0].Country(), Name: ta[0].Name}}
	}
	if victimPlace != "" {
		for i, t := range ta {
			if strings.HasPrefix(t.Code, "---") {
				ta[i].Code = victimPlace + t.Code[3:]
			}
		}
	}
	// "Tens of thousands of supporters of Mousavi marched through central
	// Tehran": a crowd of no named country protesting in a clause that
	// names one country is that country's people protesting at home
	if len(sa) == 0 && root(code) == "14" && !g.passive && len(srcs) == 1 && len(ta) == 1 && a.chunkHasWord(srcs[0], crowdWords) {
		if c := countryOf(ta[0].Code); c != "" && a.onlyCountry(c, a.chunks[srcs[0]].start, hi) {
			sa = []schema.Actor{{Code: c + "OPP", Name: "protesters in " + ta[0].Name}}
			ta = []schema.Actor{{Code: c, Name: ta[0].Name}}
		}
	}
	if len(sa) == 0 {
		return nil
	}
	// "Gunmen attacked two luxury hotels in Mumbai": violence against
	// people or buildings of no named actor strikes the place's country
	if len(ta) == 0 && violentRoot(code) && !g.passive {
		for _, p := range a.places {
			if p.pos > g.last && p.pos < hi && len(p.place.Country) == 3 && p.place.Country != sa[0].Country() {
				ta = []schema.Actor{{Code: p.place.Country, Name: p.place.Name}}
				a.locTarget = true
				break
			}
		}
	}
	// "Hamas claimed responsibility for a bomb that exploded in a
	// cafeteria at Jerusalem's Hebrew University": the claimed attack
	// struck the country where it happened
	if len(ta) == 0 && code == "015" {
		atPlace := func(ch *chunk) bool {
			return ch.prep == "IN" || ch.prep == "AT" || ch.prep == "ON" || ch.prep == "NEAR"
		}
		if ci := a.actorAfter(g.last, len(a.toks), atPlace, sa[0], domesticAgent(sa[0].Code)); ci >= 0 {
			r := a.resolve(ci)
			ta, tgts = []schema.Actor{{Code: r.actor.Country(), Name: r.actor.Name}}, []int{ci}
			a.locTarget = true
		}
		if len(ta) == 0 {
			for _, p := range a.places {
				if p.pos > g.last && len(p.place.Country) == 3 && p.place.Country != sa[0].Country() {
					ta = []schema.Actor{{Code: p.place.Country, Name: p.place.Name}}
					a.locTarget = true
					break
				}
			}
		}
	}
	// "Hamas freed 24 hostages on Friday, including 13 Israelis": people
	// of no country are those the list after them names
	if len(ta) == 0 {
		if ci := a.chunkAt(g.last + 1); ci >= 0 && a.chunks[ci].prep == "" && !a.resolve(ci).hasActor {
			for cj := ci + 1; cj < len(a.chunks) && a.chunks[cj].start < a.chunks[ci].end+12; cj++ {
				ch := &a.chunks[cj]
				if a.up(ch.start-1) == ";" || a.up(ch.start-1) == "AND" {
					break
				}
				if a.up(ch.start) == "INCLUDING" {
					if r := a.resolve(cj); r.hasActor && countryOf(r.actor.Code) != "" && r.actor.Country() != sa[0].Country() {
						ta, tgts = []schema.Actor{r.actor}, []int{cj}
					}
					break
				}
			}
		}
	}
	// "a 5 percent tariff on all goods imported from Mexico", "a ban on
	// imports from Russia": trade measures strike where the goods come from
	if len(ta) == 0 && (root(code) == "16" || strings.HasPrefix(code, "131")) {
		from := func(ch *chunk) bool { return ch.prep == "FROM" }
		if ci := a.actorAfter(g.last, hi+6, from, sa[0], false); ci >= 0 {
			ta, tgts = []schema.Actor{a.resolve(ci).actor}, []int{ci}
		}
	}
	// "pledged $1.6 billion in U.S. aid to Russia": the giver's own goods
	// go to the recipient
	if len(ta) == 1 && len(tgts) == 1 && (root(code) == "03" || root(code) == "07") && ta[0].Country() == sa[0].Country() {
		to := func(ch *chunk) bool { return ch.prep == "TO" }
		if ci := a.actorAfter(a.chunks[tgts[0]].end-1, hi+1, to, sa[0], false); ci >= 0 {
			ta, tgts = []schema.Actor{a.resolve(ci).actor}, []int{ci}
		}
	}
	// "pledged A$1 billion on Wednesday to help Indonesia rebuild": aid
	// promised or given goes to whom it helps
	if len(ta) == 0 && (root(code) == "03" || root(code) == "07") {
		if j := a.helpAt(g.last+1, min(hi+9, len(a.toks)-1)); j >= 0 {
			if ci := a.chunkAt(j + 2); ci >= 0 && a.chunks[ci].prep == "" {
				if r := a.resolve(ci); r.hasActor && countryOf(r.actor.Code) != "" && r.actor.Country() != sa[0].Country() {
					ta, tgts = []schema.Actor{r.actor}, []int{ci}
				}
			}
		}
	}
	// "opening a preliminary examination into killings during Philippine
	// President Rodrigo Duterte's war on drugs": an inquiry concerns the
	// first other actor named after it
	if len(ta) == 0 && root(code) == "09" {
		notTime := func(ch *chunk) bool { return !ch.time }
		if ci := a.actorAfter(g.last, len(a.toks), notTime, sa[0], false); ci >= 0 {
			ta, tgts = []schema.Actor{a.resolve(ci).actor}, []int{ci}
		}
	}
	// "X raised tariffs on Y, and Beijing vowed countermeasures", "and
	// Syria condemned the move": a reaction without an actor object answers
	// the subject of the clause before
	react := a.reactTo
	if len(react) == 0 && (evaluative || a.eventObject(g, hi)) {
		// "North Korea said it had tested a bomb, and Park called the test a
		// grave provocation": the judged act is the first subject's
		react = a.firstSubject(g.first)
	}
	verbalRoot := root(code) == "10" || root(code) == "11" || root(code) == "12" || root(code) == "13"
	if len(ta) == 0 && len(react) > 0 && verbalRoot {
		for _, t := range a.actorsOf(react) {
			if t.Country() != sa[0].Country() {
				ta = append(ta, t)
			}
		}
		if len(ta) > 0 {
			tgts = react
		}
	}
	// "China began drills around Taiwan, three days after Lai took office,
	// and Taipei condemned the exercises": when the clause before is the
	// reactor's own side, the judged act is the first subject's
	if len(ta) == 0 && len(a.reactTo) > 0 && verbalRoot && a.eventObject(g, hi) {
		if first := a.firstSubject(g.first); len(first) > 0 {
			for _, t := range a.actorsOf(first) {
				if t.Country() != sa[0].Country() {
					ta, tgts = append(ta, t), first
				}
			}
		}
	}
	// "NATO helicopters attacked two army checkpoints near the border,
	// killing 24 Pakistani soldiers": the victims name the target
	if violentRoot(code) && allUnknown(ta) {
		if ci := a.victimsAfter(hi); ci >= 0 {
			if vs := a.actorsOf([]int{ci}); len(vs) > 0 && !strings.HasPrefix(vs[0].Code, "---") && vs[0].Country() != sa[0].Country() {
				tgts, ta = []int{ci}, vs
			}
		}
	}
	// "sent soldiers and federal police to his home state of Michoacan":
	// forces sent to the actor's own territory are a posture at home
	if len(ta) == 0 && root(code) == "15" && a.ownDestination(g.last+1, hi) && countryOf(sa[0].Code) != "" {
		ta = []schema.Actor{{Code: sa[0].Country(), Name: sa[0].Name}}
	}
	// "The last Syrian soldiers left Lebanon": forces leaving a country
	// withdraw from it (0874)
	if departLemmas[g.verb.lemma] && g.comp == nil && len(ta) == 1 && len(ta[0].Code) == 3 && stateAgent(sa[0].Code) && ta[0].Country() != sa[0].Country() {
		code = "0874"
	}
	// "Russia deploys tanks at Latakia", "positioned tanks near the
	// Ukrainian border": weapons sent to a place, not handed to a
	// recipient, are a show of force there (154), not military aid
	if code == "072" && len(tgts) == 1 && a.postureTarget(tgts[0]) {
		code = "154"
	}
	// "Tens of thousands of supporters of Yushchenko poured into Kiev's
	// Independence Square to protest against a rigged run-off": people
	// protesting with no one named protest at home
	if len(ta) == 0 && root(code) == "14" && countryOf(sa[0].Code) != "" && (len(sa[0].Code) == 3 || hasSegment(sa[0].Code, "OPP", "CVL", "PPL", "LAB", "EDU")) {
		ta = []schema.Actor{{Code: sa[0].Country(), Name: sa[0].Name}}
		if len(sa[0].Code) == 3 {
			sa[0].Code += "OPP"
		}
	}
	// "declared a nationwide state of emergency": imposed at home;
	// "Colombia's FARC rebels announced a unilateral ceasefire": a truce
	// declared with no one named is one at home
	// ("Taiwan lifted martial law", "imposed a dusk-to-dawn curfew": the
	// same for a curfew and for easing either)
	if len(ta) == 0 && (strings.HasPrefix(code, "1724") || strings.HasPrefix(code, "1723") || strings.HasPrefix(code, "0813") || strings.HasPrefix(code, "0814") || code == "0871") && countryOf(sa[0].Code) != "" {
		ta = []schema.Actor{{Code: sa[0].Country(), Name: sa[0].Name}}
		// (a country easing them is its government: "Taiwan" → TWNGOV)
		if len(sa[0].Code) == 3 && root(code) == "08" {
			sa = []schema.Actor{{Code: sa[0].Code + "GOV", Name: sa[0].Name}}
		}
	}
	// "Ugandan police arrested opposition candidate Bobi Wine", "the
	// Constitutional Court dissolved the opposition Move Forward Party",
	// "police detained him": a state body coercing political people or
	// parties the dictionaries do not name coerces its own country's
	// ("a court sentenced property tycoon Truong My Lan to death": a
	// conviction at home likewise)
	if len(ta) == 0 && (root(code) == "17" || strings.HasPrefix(code, "116") && hasSegment(sa[0].Code, "JUD")) && !g.passive && countryOf(sa[0].Code) != "" && (stateAgent(sa[0].Code) || hasSegment(sa[0].Code, "GOV", "LEG")) {
		// ("British police arrested 24 people", "Bolivian police arrested
		// General Juan Jose Zuniga": whoever police or courts arrest at
		// home is of their country unless the sentence says otherwise)
		arrest := (strings.HasPrefix(code, "173") || strings.HasPrefix(code, "116")) && hasSegment(sa[0].Code, "COP", "SPY", "JUD")
		// ("Thai army commanders seized power": a coup is against the
		// country's own government)
		coup := a.up(g.last+1) == "POWER" && stateAgent(sa[0].Code)
		if ci := a.chunkAt(g.last + 1); ci >= 0 && a.chunks[ci].prep == "" && !a.chunks[ci].time && (a.chunkHasWord(ci, politicalPeopleWords) || arrest || coup || a.chunks[ci].pron != "" && personPronouns[a.up(a.chunks[ci].start)]) {
			ta = []schema.Actor{{Code: sa[0].Country(), Name: sa[0].Name}}
			tgts = []int{ci}
		}
	}
	// "shut down the Kaesong industrial park in response to North Korea's
	// rocket launch": what is answered names the target
	if len(ta) == 0 && len(sa) > 0 {
		if ci := a.answeredActor(g.last + 1); ci >= 0 {
			for _, t := range a.actorsOf([]int{ci}) {
				if t.Country() != sa[0].Country() && !strings.HasPrefix(t.Code, "---") {
					tgts, ta = []int{ci}, []schema.Actor{t}
				}
			}
		}
	}
	// "Russia threatened to stop negotiations if the United States goes
	// ahead with the deployment": the threat is aimed at the condition's
	// subject
	if len(ta) == 0 && root(code) == "13" && g.comp != nil {
		if ci := a.conditionSubject(g.last + 1); ci >= 0 {
			tgts = a.coordinated(ci, false)
			for _, t := range a.actorsOf(tgts) {
				if t.Country() != sa[0].Country() {
					ta = append(ta, t)
				}
			}
		}
	}
	// "Russia and the United States agreed to a truce in Syria": a place
	// is no target of a reciprocal action between coordinated subjects
	// ("Thai and Cambodian troops exchanged artillery fire near the
	// temple": fighting between the subjects, whatever the place)
	// "India and China agreed to pull back troops": forces of no country
	// are the subjects' own, and the act is between them
	if len(sa) > 1 && len(ta) > 0 && allUnknown(ta) && symmetricRoot(code) && a.reciprocal(g, hi) {
		ta = nil
	}
	if len(sa) > 1 && (a.locTarget && !materialRoot(code) || (inherentReciprocal[g.verb.lemma] && a.placeTargets(tgts) || exchangeLemmas[g.verb.lemma] && a.prepTargets(tgts))) && len(sa) <= 3 && (symmetricRoot(code) || exchangeLemmas[g.verb.lemma]) && a.reciprocal(g, hi) {
		ta = nil
	}
	// "SoftBank agreed to buy British chip designer ARM": companies
	// buying companies is business news; buying arms is not
	if commerce := commerceLemmas[g.verb.lemma] || g.comp != nil && commerceLemmas[g.comp.verb.lemma]; commerce && !a.armsDeal(g.last+1, hi) {
		return nil
	}
	if len(sa) > 1 && a.eachOther(g) {
		ta = nil // "accused each other of shelling villages": the subjects are the targets
	}
	victims := 0
	if len(tgts) > 0 {
		victims = a.headCount(tgts[0])
	}
	// "Ethiopian rebel forces captured Addis Ababa", "rebels seized
	// Damascus": seizing a city or a country's territory occupies it
	// (192); seizing property is 171
	if strings.HasPrefix(code, "171") && len(tgts) == 1 && a.cityChunk(tgts[0]) {
		code = "192"
	}
	// "ordered the expulsion of 60 Russian diplomats": expelling
	// diplomats reduces relations (161, as the CAMEO manual says), 174 is
	// for other people
	if strings.HasPrefix(code, "174") && a.anyChunkHasWord(tgts, diplomatHeads) {
		code = "161"
	}
	ge := &groupEvent{code: code, hi: hi, tgts: tgts, victims: victims, killing: killLemmas[g.verb.lemma] && !byAttack, unknown: unknownSource, clash: g.verb.block == "PHYSICAL_CONFLICT", place: a.locTarget}
	ge.evidence = append(append(a.evidenceOf(srcs), a.evidenceOf(tgts)...), evidence...)
	switch {
	case len(ta) > 0:
		rawTa := ta
		// (migrants and refugees are no people of the country they are in)
		if !a.anyChunkHasWord(tgts, foreignerWords) {
			ta = a.domesticTargets(sa, ta, srcs, hi)
		}
		lo := g.first
		if len(srcs) > 0 && a.chunks[srcs[0]].start < lo {
			lo = a.chunks[srcs[0]].start
		}
		for _, s := range sa {
			// "Seleka rebels seized the capital of the Central African
			// Republic", "protesters marched through Bucharest": rebels,
			// protesters or civilians of no named country acting on a
			// country or its institutions, in a clause that names no other
			// country, are that country's own
			// ("Soldiers arrested Honduran President Manuel Zelaya",
			// "mutinying soldiers detained the president": forces of no
			// named country coercing or assaulting a country's people at
			// home are its own; in a report they are the reporter's)
			if strings.HasPrefix(s.Code, "---") && (domesticAgent(s.Code) || stateAgent(s.Code) && len(say) == 0 && (root(code) == "17" || root(code) == "18")) && len(ta) == 1 {
				if c := countryOf(ta[0].Code); c != "" && a.onlyCountry(c, lo, hi) {
					s.Code = c + s.Code[3:]
				}
			}
			for ti, t := range ta {
				// "Ethiopia's prime minister ordered an offensive against the
				// ruling party of the northern Tigray region", "Thai
				// protesters stormed the compound of the prime minister's
				// office": a group of no named country given the source's
				// country (domesticTargets) is another group of it
				filled := strings.HasPrefix(rawTa[ti].Code, "---") && !strings.HasPrefix(t.Code, "---") && (violentRoot(code) || root(code) == "14")
				// "Xi opened a summit in Beijing": a meeting place in the
				// source's own country is no consultation partner
				if a.locTarget && root(code) == "04" && s.Country() == t.Country() {
					continue
				}
				// "Trump pulled the United States out of the deal": an
				// actor's own country as such is not what it cuts ties with
				if len(s.Code) > 3 && t.Code == s.Country() && root(code) == "16" {
					continue
				}
				// "Thousands of Iraqi Kurds demonstrated in Kirkuk": people
				// protesting at home protest against their country
				if s.Code == t.Code && root(code) == "14" && len(s.Code) == 3 {
					s.Code += "OPP"
				}
				// (a target given the source's country is another group of
				// it, whatever its code)
				// ("Indonesia declared martial law in Aceh": restrictions
				// are imposed at home)
				if s.Code != t.Code || filled || strings.HasPrefix(code, "172") {
					ge.pairs = append(ge.pairs, [2]schema.Actor{s, t})
				}
			}
		}
	case len(sa) > 1 && len(sa) <= 3 && a.eachOther(g):
		// "Ukraine and Russia accused each other of blowing up the dam"
		for _, s := range sa {
			for _, t := range sa {
				if s.Code != t.Code {
					ge.pairs = append(ge.pairs, [2]schema.Actor{s, t})
				}
			}
		}
	case len(sa) > 1 && len(sa) <= 3 && (symmetricRoot(code) || exchangeLemmas[g.verb.lemma]) && a.reciprocal(g, hi):
		for _, s := range sa {
			for _, t := range sa {
				if s.Code != t.Code {
					ge.pairs = append(ge.pairs, [2]schema.Actor{s, t})
				}
			}
		}
	}
	if len(ge.pairs) == 0 {
		return nil
	}
	return ge
}

// localize gives an actor of no known country ("gunmen", "soldiers",
// "protesters") the country where its event took place: "Gunmen stormed
// Fiji's parliament" is a Fijian event, as wire coders and our gold sets
// code it. A source without a place takes the country of a national
// target ("Mutinous soldiers detained President Kabore").
func localize(evs []CodedEvent) []CodedEvent {
	out := evs[:0]
	for _, e := range evs {
		// "Ethiopian tanks and infantry backed by warplanes": forces that
		// take the other side's country and then equal it act on
		// themselves; no event
		if localizeOne(&e) && e.Source.Code == e.Target.Code {
			continue
		}
		out = append(out, e)
	}
	return out
}

// localizeOne gives e's one agent of no known country a country (see
// localize) and reports whether it did.
func localizeOne(e *CodedEvent) bool {
	// a bare "---" (a bomb) stays unknown: only agents are placed
	src := strings.HasPrefix(e.Source.Code, "---") && len(e.Source.Code) > 3
	tgt := strings.HasPrefix(e.Target.Code, "---") && len(e.Target.Code) > 3
	if src == tgt {
		return false
	}
	country, why := "", ""
	if e.Place != nil && len(e.Place.Country) == 3 {
		country, why = e.Place.Country, "place"
	} else if other := e.Target.Country(); src && root(e.Code) >= "14" && len(other) == 3 && other != "IGO" && other != "NGO" && other != "MNC" {
		country, why = other, "target"
	}
	// "Serrano dissolved Congress", "suspended the chief justice": a
	// state's sanctions on a legislature or court of no named country
	// fall on its own
	if other := e.Source.Country(); country == "" && tgt && root(e.Code) == "17" && len(other) == 3 && hasSegment(e.Source.Code, "GOV", "LEG", "JUD") && hasSegment(e.Target.Code, "LEG", "JUD", "GOV") {
		country, why = other, "source"
	}
	if country == "" {
		return false
	}
	a := &e.Source
	if tgt {
		a = &e.Target
	}
	a.Code = country + a.Code[3:]
	e.Evidence = append(e.Evidence, "country from "+why)
	return true
}

func dedupe(evs []CodedEvent) []CodedEvent {
	out := evs[:0]
	seen := map[[3]string]bool{}
	for _, e := range evs {
		// "soldiers and federal police ... to fight drug cartels": an event
		// between two actors of no country says nothing about any country
		if strings.HasPrefix(e.Source.Code, "---") && strings.HasPrefix(e.Target.Code, "---") {
			continue
		}
		k := [3]string{e.Source.Code, e.Target.Code, e.Code}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, e)
	}
	return out
}

// reciprocalLemmas are verbs that, with a coordinated subject and no
// target, describe an action of the actors towards each other ("India and
// Pakistan agreed", "Obama and Castro met").
var reciprocalLemmas = map[string]bool{
	"MEET": true, "AGREE": true, "SIGN": true, "NEGOTIATE": true, "TALK": true, "DISCUSS": true, "CONFER": true,
	"CONSULT": true, "RECONCILE": true, "COOPERATE": true, "CLASH": true, "FIGHT": true, "HOLD": true,
	"CONCLUDE": true, "REACH": true, "RESTORE": true, "RESUME": true, "NORMALIZE": true, "NORMALISE": true,
	"EXCHANGE": true, "SHAKE": true, "INITIAL": true, "RATIFY": true, "STRIKE": true, "SEAL": true, "CLINCH": true,
	"FORGE": true, "INK": true, "UPGRADE": true, "START": true, "BEGIN": true, "LAUNCH": true, "CONDUCT": true,
	"SWAP": true, "TRADE": true, "ESTABLISH": true,
}

// inherentReciprocal verbs are reciprocal whatever their object.
var inherentReciprocal = map[string]bool{"MEET": true, "TALK": true, "DISCUSS": true, "NEGOTIATE": true,
	"CONFER": true, "CONSULT": true, "CLASH": true, "FIGHT": true, "COOPERATE": true, "RECONCILE": true}

// reciprocalNouns are objects that keep a verb reciprocal ("signed an
// agreement", "held talks", "restored relations").
var reciprocalNouns = map[string]bool{
	"TALKS": true, "NEGOTIATIONS": true, "MEETING": true, "MEETINGS": true, "AGREEMENT": true, "AGREEMENTS": true,
	"DEAL": true, "DEALS": true, "TREATY": true, "ACCORD": true, "ACCORDS": true, "CEASEFIRE": true, "TRUCE": true,
	"RELATIONS": true, "TIES": true, "PACT": true, "PROTOCOL": true, "MEMORANDUM": true, "DISCUSSIONS": true,
	"HANDS": true, "VIEWS": true, "PRISONERS": true, "CONSULTATIONS": true, "SUMMIT": true, "DIALOGUE": true,
	"COOPERATION": true, "DECLARATION": true, "SETTLEMENT": true, "ARMISTICE": true, "CONSENSUS": true,
	"EXERCISES": true, "DRILLS": true, "MANOEUVRES": true, "MANEUVERS": true,
	"UNDERSTANDING": true, "JOINT": true, "MUTUAL": true, "BILATERAL": true, "COMPROMISE": true,
	"FIRE": true, "GUNFIRE": true, "SHOTS": true, "BLOWS": true, "SALVOS": true,
	"SPIES": true, "DETAINEES": true, "HOSTAGES": true,
}

// reciprocal reports whether a group with a coordinated subject and no
// target codes an action between the subjects: a reciprocal verb (or one
// in its complement) whose direct object, if any, is a reciprocal noun.
func (a *analysis) reciprocal(g *group, hi int) bool {
	for c := g; c != nil; c = c.comp {
		if !reciprocalLemmas[c.verb.lemma] {
			continue
		}
		if c.comp != nil || inherentReciprocal[c.verb.lemma] {
			return true // "agreed to resume talks", "discussed the plan"
		}
		// the direct object, if any, must be reciprocal
		ci := a.chunkAt(c.last + 1)
		if ci < 0 || a.chunks[ci].prep != "" || a.chunks[ci].time {
			return true
		}
		ch := &a.chunks[ci]
		for k := ch.start; k < ch.end && k < hi; k++ {
			if reciprocalNouns[a.up(k)] {
				return true
			}
		}
		return false
	}
	return false
}

// ownForcesRoot are the roots of a state's dealings with its own forces that
// CAMEO does not code: orders, requests, aid, cooperation, posture, cuts.
var ownForcesRoot = map[string]bool{"02": true, "03": true, "04": true, "05": true, "06": true, "07": true,
	"08": true, "09": true, "10": true, "15": true, "16": true}

// theTwo reports a subject such as "the two countries", "the two leaders"
// that refers back to a pair of actors.
func (a *analysis) theTwo(ci int) bool {
	ch := &a.chunks[ci]
	return ch.prep == "" && ch.end-ch.start == 3 && a.up(ch.start) == "THE" && (a.up(ch.start+1) == "TWO" || a.up(ch.start+1) == "BOTH") && pairNouns[a.up(ch.start+2)]
}

// bothOf reports a subject "both countries", "both governments".
func (a *analysis) bothOf(ci int) bool {
	ch := &a.chunks[ci]
	return ch.prep == "" && ch.end-ch.start == 2 && a.up(ch.start) == "BOTH" && pairNouns[a.up(ch.start+1)]
}

// pairNouns are what "the two" can refer to.
var pairNouns = map[string]bool{"COUNTRIES": true, "SIDES": true, "LEADERS": true, "MEN": true, "GOVERNMENTS": true,
	"PRESIDENTS": true, "NATIONS": true, "MINISTERS": true, "NEIGHBOURS": true, "NEIGHBORS": true, "RIVALS": true, "STATES": true}

// inspectorWords, peacekeeperWords and aidWorkerWords name the foreigners
// whose expulsion CAMEO codes apart (1662, 1661, 1663).
var (
	inspectorWords   = map[string]bool{"INSPECTORS": true, "INSPECTOR": true, "OBSERVERS": true, "MONITORS": true, "INVESTIGATORS": true}
	peacekeeperWords = map[string]bool{"PEACEKEEPERS": true, "PEACEKEEPING": true}
	aidWorkerWords   = map[string]bool{"AID": true, "AGENCIES": true, "NGOS": true, "CHARITIES": true, "RELIEF": true}
)

// travelLemmas move the subject to a place.
var travelLemmas = map[string]bool{"FLY": true, "TRAVEL": true, "SAIL": true, "DRIVE": true, "HEAD": true, "RETURN": true}

// arrivalLemmas bring the subject into a place.
var arrivalLemmas = map[string]bool{"LAND": true, "WALK": true, "CROSS": true, "ARRIVE": true, "REACH": true, "ENTER": true}

// personNamed reports a direct object at from that names a person by an
// actor dictionary entry ("Saddam Hussein", "President Zelaya").
func (a *analysis) personNamed(from int) bool {
	ci := a.chunkAt(from)
	if ci < 0 || a.chunks[ci].prep != "" {
		return false
	}
	r := a.resolve(ci)
	return r.hasActor && hasSegment(r.actor.Code, "GOV", "ELI", "OPP", "REB") && len(r.actor.Code) > 3 && len(r.agents) == 0
}

// destinationLemmas take the place reached as direct object ("entered the
// Gaza Strip", "reached the plant").
var destinationLemmas = map[string]bool{"ENTER": true, "REACH": true, "VISIT": true, "TOUR": true, "CROSS": true}

// politicalPeopleWords name people or bodies in politics whom a state may
// coerce at home.
var politicalPeopleWords = map[string]bool{"OPPOSITION": true, "ACTIVIST": true, "ACTIVISTS": true, "JOURNALIST": true,
	"JOURNALISTS": true, "DISSIDENT": true, "DISSIDENTS": true, "PROTESTERS": true, "DEMONSTRATORS": true, "LEADER": true,
	"LEADERS": true, "CANDIDATE": true, "PARTY": true, "PARTIES": true, "LAWMAKER": true, "LAWMAKERS": true,
	"POLITICIAN": true, "POLITICIANS": true, "CRITIC": true, "CRITICS": true, "BLOGGER": true, "BLOGGERS": true,
	"RIVAL": true, "SUPPORTERS": true, "MONKS": true, "PRESIDENT": true, "MINISTER": true, "LEGISLATORS": true}

// personPronouns are object pronouns that stand for people.
var personPronouns = map[string]bool{"HIM": true, "HER": true, "THEM": true}

// allegationNouns introduce a clause of what someone alleges.
var allegationNouns = map[string]bool{"ACCUSATIONS": true, "ACCUSATION": true, "ALLEGATIONS": true, "ALLEGATION": true,
	"CLAIMS": true, "CLAIM": true, "REPORTS": true, "REPORT": true, "SUGGESTIONS": true, "RUMOURS": true, "RUMORS": true}

// falsehoodWords call an allegation false.
var falsehoodWords = map[string]bool{"LIE": true, "LIES": true, "FALSE": true, "BASELESS": true, "UNTRUE": true,
	"UNFOUNDED": true, "NONSENSE": true, "FABRICATION": true, "FABRICATED": true, "GROUNDLESS": true, "ABSURD": true, "FAKE": true}

// dismissedAllegation returns the span of an allegation the sentence calls
// false ("accusations that it had ordered the death of Prigozhin were an
// absolute lie"): from the allegation noun to the dismissal, whose events
// are not asserted. Without one the span is empty.
func (a *analysis) dismissedAllegation() (lo, hi int) {
	for i := 0; i+1 < len(a.toks); i++ {
		if !allegationNouns[a.up(i)] || a.up(i+1) != "THAT" {
			continue
		}
		for j := i + 2; j+1 < len(a.toks); j++ {
			if u := a.up(j); u == "WERE" || u == "WAS" || u == "ARE" || u == "IS" {
				for k := j + 1; k < min(len(a.toks), j+5); k++ {
					if falsehoodWords[a.up(k)] || dismissalWords[a.up(k)] {
						return i, k
					}
				}
			}
		}
	}
	return 0, 0
}

// denyLemmas introduce a clause whose events are denied.
var denyLemmas = map[string]bool{"DENY": true, "DISMISS": true, "REFUTE": true, "DISPUTE": true, "CONTEST": true}

// clauseFollows reports a finite clause after g: "that ..." or "NP verb".
func (a *analysis) clauseFollows(g *group) bool {
	if a.thatFollows(g) {
		return true
	}
	ci := a.chunkAt(g.last + 1)
	if ci < 0 || a.chunks[ci].prep != "" {
		return false
	}
	j := a.chunks[ci].end
	for j < len(a.toks) && a.is(j, wAux|wNeg|wAdv) {
		j++
	}
	return j < len(a.toks) && a.isVerb[j]
}

// callNames reports "call X Y" / "call X \"Y\"": an object chunk directly
// followed by another noun phrase or a quotation.
func (a *analysis) callNames(g *group) bool {
	ci := a.chunkAt(g.last + 1)
	if ci < 0 || a.chunks[ci].prep != "" || a.chunks[ci].pron != "" && a.chunks[ci].end == g.last+1 {
		// "called him a liar": pronoun object
		if ci >= 0 && a.chunks[ci].pron != "" {
			nx := a.chunkAt(a.chunks[ci].end)
			return nx >= 0 && a.chunks[nx].prep == "" || a.up(a.chunks[ci].end) == "\""
		}
		return false
	}
	e := a.chunks[ci].end
	if a.up(e) == "\"" {
		return true
	}
	nx := a.chunkAt(e)
	return nx >= 0 && nx != ci && a.chunks[nx].prep == "" && !a.chunks[nx].time
}

// cityChunk reports a chunk that is a city of the gazetteer, or a
// capital, city, town or territory of some actor ("the Zairean capital").
func (a *analysis) cityChunk(ci int) bool {
	ch := &a.chunks[ci]
	if ch.end-ch.start > 6 {
		return false
	}
	for k := ch.start; k < ch.end; k++ {
		switch a.up(k) {
		case "CAPITAL", "CITY", "TOWN", "VILLAGE", "PROVINCE", "REGION", "TERRITORY":
			return true
		}
		if !a.toks[k].cap {
			continue
		}
		if id, n := a.c.lx.places.match(a.toks, k); id >= 0 && (k+n == ch.end || k == ch.start) {
			return true
		}
	}
	return false
}

// voterWords name an electorate.
var voterWords = map[string]bool{"VOTERS": true, "ELECTORATE": true, "ELECTORS": true}

// foreignerWords name people who are, by definition, of another country.
var foreignerWords = map[string]bool{"MIGRANTS": true, "MIGRANT": true, "REFUGEES": true, "REFUGEE": true,
	"ASYLUM-SEEKERS": true, "FOREIGNERS": true, "EXPATRIATES": true, "IMMIGRANTS": true}

func (a *analysis) anyChunkHasWord(cis []int, words map[string]bool) bool {
	for _, ci := range cis {
		if a.chunkHasWord(ci, words) {
			return true
		}
	}
	return false
}

// domesticTargets gives targets of unknown country ("soldiers", "a rebel
// commander") the country of the sources when all sources share one and the
// clause names no other country: CAMEO codes such events as domestic
// ("Turkish authorities detained soldiers" → TURGOV TURMIL).
func (a *analysis) domesticTargets(sa, ta []schema.Actor, srcs []int, hi int) []schema.Actor {
	unknown := false
	for _, t := range ta {
		if strings.HasPrefix(t.Code, "---") && len(t.Code) > 3 {
			unknown = true
		}
	}
	if !unknown {
		return ta
	}
	country := ""
	for _, s := range sa {
		c := countryOf(s.Code)
		if c == "" || country != "" && c != country {
			return ta
		}
		country = c
	}
	lo := 0
	if len(srcs) > 0 {
		lo = a.chunks[srcs[0]].start
	}
	for _, m := range a.mentions {
		if !m.actor || m.code == "" || m.start < lo || m.start >= hi {
			continue
		}
		if c := countryOf(m.code); c != "" && c != country || strings.HasPrefix(m.code, "IGO") || strings.HasPrefix(m.code, "IMG") {
			return ta
		}
	}
	out := make([]schema.Actor, len(ta))
	for i, t := range ta {
		out[i] = t
		if strings.HasPrefix(t.Code, "---") && len(t.Code) > 3 {
			out[i] = schema.Actor{Code: country + t.Code[3:], Name: t.Name}
		}
	}
	return out
}

// countryOf returns the country part of an actor code, "" for unknown
// countries, international and transnational actors.
func countryOf(code string) string {
	if len(code) < 3 {
		return ""
	}
	switch c := code[:3]; c {
	case "---", "IGO", "IMG", "NGO", "NGM", "MNC", "UIS", "UNK":
		return ""
	default:
		return c
	}
}

// purposeClause reports an infinitive of purpose: "to V" right after a
// clause (its object and adjuncts), not a complement of the verb before.
func (a *analysis) purposeClause(g *group) bool {
	j := g.first - 1
	for j >= 0 && a.is(j, wAdv) {
		j--
	}
	if a.up(j) != "TO" || j == 0 {
		return false
	}
	// "TO" must follow a noun phrase or a time expression, not a verb
	k := j - 1
	return a.chunkAt(k) >= 0 && !a.isVerb[k]
}

// pronObject reports an object pronoun right after the group ("congratulate him").
func (a *analysis) pronObject(g *group) bool {
	switch a.up(g.last + 1) {
	case "HIM", "HER", "IT", "THEM":
		return a.ment[g.last+1] < 0
	}
	return false
}

// insultWords are names that make "call X a Y" a denunciation.
var insultWords = map[string]bool{
	"DICTATOR": true, "MADMAN": true, "TERRORIST": true, "TERRORISTS": true, "LIAR": true, "CRIMINAL": true,
	"CRIMINALS": true, "MURDERER": true, "MURDERERS": true, "THUG": true, "THUGS": true, "BULLY": true,
	"TYRANT": true, "BUTCHER": true, "FASCIST": true, "FASCISTS": true, "TRAITOR": true, "TRAITORS": true,
	"PUPPET": true, "PUPPETS": true, "GANGSTER": true, "GANGSTERS": true, "LUNATIC": true, "MANIAC": true,
	"DOTARD": true, "KILLER": true, "KILLERS": true, "ENEMY": true, "NAZI": true, "NAZIS": true,
	"DEVIL": true, "SATAN": true, "CLOWN": true, "CROOK": true, "THIEF": true, "THIEVES": true, "COWARD": true,
	"HYPOCRITE": true, "HYPOCRITES": true, "WARMONGER": true, "WARMONGERS": true,
}

// verdictWords are judgements that make "call X Y" (and "a move that X
// called Y") a denunciation of X or of whoever did it.
var verdictWords = map[string]bool{
	"PROVOCATION": true, "PROVOCATIONS": true, "PROVOCATIVE": true, "UNACCEPTABLE": true, "SHAMEFUL": true,
	"OUTRAGEOUS": true, "ILLEGAL": true, "ILLEGITIMATE": true, "FARCE": true, "STUPID": true, "VIOLATION": true,
	"MISTAKE": true, "BLUNDER": true, "ABSURD": true, "UNJUST": true, "FABRICATION": true, "LIE": true, "LIES": true,
	"BETRAYAL": true, "AGGRESSION": true, "PIRACY": true, "TERRORISM": true, "HOSTILE": true, "CRIME": true,
	"DISGRACE": true, "DISGRACEFUL": true, "RECKLESS": true, "IRRESPONSIBLE": true, "INSULT": true, "BLACKMAIL": true,
	"HYPOCRITICAL": true, "RIDICULOUS": true, "ARROGANT": true, "OUTRAGE": true, "TRAVESTY": true, "SCANDALOUS": true,
	"UNLAWFUL": true, "HOSTILITY": true, "INTERFERENCE": true, "INTIMIDATION": true, "BULLYING": true,
	"DESPICABLE": true, "BARBARIC": true, "COWARDLY": true, "HEINOUS": true, "ATROCITY": true, "THREAT": true,
	"MENACE": true, "ESCALATION": true,
}

// judgeLemmas name something as something: "called the test a
// provocation", "described the move as an escalation".
var judgeLemmas = map[string]bool{"CALL": true, "DESCRIBE": true, "BRAND": true, "LABEL": true, "TERM": true,
	"DUB": true, "CHARACTERIZE": true, "CHARACTERISE": true}

// dismissalWords make "call X Y" a rejection of X ("calling the ruling
// null and void").
var dismissalWords = map[string]bool{"NULL": true, "VOID": true, "INVALID": true, "BASELESS": true,
	"GROUNDLESS": true, "UNFOUNDED": true, "MEANINGLESS": true, "WORTHLESS": true}

// verdictAfter returns "111" when the words from..to name a denunciation
// (an insult or a negative judgement), "12" when they dismiss, else "".
func (a *analysis) verdictAfter(from, to int) string {
	for j := from; j < to && j < len(a.toks); j++ {
		u := a.up(j)
		if insultWords[u] || verdictWords[u] {
			if actWords[a.up(j+1)] {
				continue // "called the shootings a terrorist attack": naming an act
			}
			return "111"
		}
		if dismissalWords[u] {
			return "12"
		}
	}
	return ""
}

// forceCode refines generic military force (190) by who uses it on whom:
// police raiding or attacking their own country's people is coercion (17,
// CAMEO 170), and insurgents attacking civilians or a country at large is an
// assault (18), not conventional military force.
func forceCode(code string, src, tgt schema.Actor, clash bool) string {
	hasSeg := func(a schema.Actor, segs ...string) bool { return hasSegment(a.Code, segs...) }
	// protesters burning, storming or attacking riot (CAMEO 145)
	// (and so is protesters storming a building: "stormed the state
	// television headquarters")
	if hasSeg(src, "OPP") && !hasSeg(src, "REB", "MIL", "UAF", "INS", "GOV", "COP") && (code == "180" || code == "190" || strings.HasPrefix(code, "1712") || code == "171" || code == "192") {
		return "145"
	}
	// police or courts taking someone of their own country ("Malaysian
	// police arrested former Prime Minister Najib") arrest, not abduct
	if strings.HasPrefix(code, "181") && hasSeg(src, "COP", "JUD") && !hasSeg(src, "REB", "UAF", "INS") && src.Country() == tgt.Country() {
		return "173"
	}
	// and rebels, gunmen and criminals seizing people abduct them: no one
	// arrests without a state's authority
	if strings.HasPrefix(code, "173") && hasSeg(src, "REB", "UAF", "INS", "CRM") && !hasSeg(src, "COP", "JUD", "GOV", "MIL", "SPY") {
		return "181"
	}
	// "Thai soldiers fired into crowds of pro-democracy demonstrators",
	// "police opened fire on stone-throwers": a state's forces using
	// violence on protesters repress them (CAMEO 175)
	if (root(code) == "18" || root(code) == "19") && hasSeg(src, "MIL", "COP") && !hasSeg(src, "REB", "UAF", "INS") && hasSeg(tgt, "OPP") && !hasSeg(tgt, "MIL", "COP", "REB", "UAF", "INS", "SPY", "GOV") {
		return "175"
	}
	// "Venezuela took control of four oil projects run by Exxon Mobil,
	// Chevron and BP": seizing a company's assets confiscates property
	// (1711), it occupies no territory
	if code == "192" && (hasSeg(tgt, "BUS") || strings.HasPrefix(tgt.Code, "MNC")) {
		return "1711"
	}
	if code != "190" {
		return code
	}
	// "Syria's foreign minister clashed with Ban Ki-moon": officials without
	// forces clash in words (CAMEO 111)
	if clash && hasSeg(src, "GOV") && !hasSeg(src, "MIL", "COP", "SPY") && (hasSeg(tgt, "GOV") || strings.HasPrefix(tgt.Code, "IGO")) && !hasSeg(tgt, "MIL", "COP", "REB", "UAF") {
		return "111"
	}
	armedTgt := hasSeg(tgt, "MIL", "COP", "REB", "UAF", "INS", "SPY")
	switch {
	case hasSeg(src, "COP") && !hasSeg(src, "MIL") && src.Country() == tgt.Country() && !armedTgt:
		return "170"
	// a foreign country as such ("Saudi Arabia was attacked by Houthi
	// fighters") is fought, not assaulted
	case hasSeg(src, "REB", "UAF", "INS") && !hasSeg(src, "MIL") && !armedTgt && !strings.HasPrefix(tgt.Code, "IGO") &&
		(len(tgt.Code) > 3 || tgt.Country() == src.Country()):
		return "180"
	}
	return code
}

// pluralHead reports a chunk headed by a lower-case plural noun
// ("lawmakers", "officials").
func (a *analysis) pluralHead(ci int) bool {
	h := a.chunks[ci].end - 1
	t := a.toks[h]
	return !t.cap && !t.punct && strings.HasSuffix(t.up, "S") && !strings.HasSuffix(t.up, "SS")
}

// victimLemmas are intransitive verbs whose subject suffers the event.
var victimLemmas = map[string]bool{"DIE": true, "PERISH": true}

// patientBlocks and patientLemmas are verbs that need an object: without
// one, a bare past form ("commander killed near Aleppo") is a reduced
// passive whose subject is the victim.
var patientBlocks = map[string]bool{"KILL": true, "ASSASSINATE": true, "KIDNAP": true}

var patientLemmas = map[string]bool{"KILL": true, "WOUND": true, "INJURE": true, "ARREST": true, "DETAIN": true,
	"JAIL": true, "IMPRISON": true,
	"CAPTURE": true, "SHOOT": true, "EXECUTE": true, "BEHEAD": true, "MURDER": true, "ABDUCT": true, "KIDNAP": true,
	"ASSASSINATE": true, "HANG": true, "SLAY": true, "TORTURE": true}

func patientVerb(v verbInfo) bool {
	return patientBlocks[strings.TrimSpace(v.block)] || patientLemmas[v.lemma]
}

func violentRoot(code string) bool {
	r := root(code)
	return r == "17" || r == "18" || r == "19" || r == "20"
}

// directObject reports a noun phrase object right after the group.
func (a *analysis) directObject(g *group) bool {
	j := g.last + 1
	for j < len(a.toks) && a.is(j, wAdv) {
		j++
	}
	for k := j; k < len(a.toks) && k <= j+2; k++ {
		ci := a.chunkAt(k)
		if ci < 0 {
			if a.toks[k].punct {
				return false
			}
			continue // a particle or quantity word: "shot down a jet", "arrested about 70"
		}
		ch := &a.chunks[ci]
		p := ch.prep
		return !ch.time && (p == "" || ch.start <= g.last+2 && (p == "DOWN" || p == "UP" || p == "OFF" || p == "OUT"))
	}
	return false
}

// firstSubject returns the first actor chunk before position lim that is
// no prepositional object or time expression: the subject of the
// sentence's first clause.
func (a *analysis) firstSubject(lim int) []int {
	for cj := range a.chunks {
		ch := &a.chunks[cj]
		if ch.start >= lim {
			break
		}
		if ch.prep == "" && !ch.time && ch.pron == "" && a.resolve(cj).hasActor {
			return []int{cj}
		}
	}
	return nil
}

// placeTargets reports target chunks that are all prepositional phrases of
// place ("near the temple", "across the border"), not partners.
func (a *analysis) placeTargets(tgts []int) bool {
	for _, ci := range tgts {
		switch a.chunks[ci].prep {
		case "", "WITH", "AGAINST", "ON", "AT", "TO", "FOR", "FROM", "BY":
			return false
		}
	}
	return true
}

// prepTargets reports target chunks that are all prepositional phrases
// other than WITH ("swapped spies on the tarmac of Vienna airport"): the
// setting of an exchange, not a party to it.
func (a *analysis) prepTargets(tgts []int) bool {
	for _, ci := range tgts {
		if p := a.chunks[ci].prep; p == "" || p == "WITH" {
			return false
		}
	}
	return true
}

// domesticAgent reports an unknown-country actor whose kind acts mostly in
// its own country: protesters, rebels, civilians, workers, students.
func domesticAgent(code string) bool {
	return hasSegment(code, "OPP", "REB", "CVL", "PPL", "LAB", "EDU", "STU", "REF")
}

// negatedChain reports that g, an infinitive, continues the clause of the
// negated or speculative group before it (no clause punctuation between).
func (a *analysis) negatedChain(before, g *group) bool {
	last := before
	for last.comp != nil {
		if last.neg || last.spec {
			break
		}
		last = last.comp
	}
	if !(before.neg || before.spec || last.neg || last.spec) {
		return false
	}
	for k := before.last + 1; k < g.first; k++ {
		if a.toks[k].punct {
			return false
		}
	}
	return true
}

// eventNouns name an act whose author a reaction answers ("condemned the
// launch", "criticised the decision").
var eventNouns = map[string]bool{
	"LAUNCH": true, "LAUNCHES": true, "TEST": true, "TESTS": true, "MOVE": true, "DECISION": true, "ATTACK": true,
	"ATTACKS": true, "STRIKE": true, "STRIKES": true, "KILLING": true, "KILLINGS": true, "BOMBING": true, "ANNEXATION": true,
	"INVASION": true, "RAID": true, "EXECUTION": true, "EXECUTIONS": true, "INCURSION": true, "OFFENSIVE": true,
	"CRACKDOWN": true, "SEIZURE": true, "DETENTION": true, "ARREST": true, "EXPULSION": true, "BAN": true, "VISIT": true,
	"REMARKS": true, "COMMENTS": true, "STATEMENT": true, "PROVOCATION": true, "PROVOCATIONS": true, "ACTION": true,
	"ACTIONS": true, "STEP": true, "BLAST": true, "SHELLING": true, "BOMBARDMENT": true, "DEPLOYMENT": true,
	"EXERCISES": true, "DRILLS": true, "SANCTIONS": true, "TARIFFS": true, "REFERENDUM": true, "VOTE": true,
}

// eventObject reports a direct object of g that names an act and no actor.
func (a *analysis) eventObject(g *group, hi int) bool {
	ci := a.chunkAt(g.last + 1)
	if ci < 0 || a.chunks[ci].prep != "" || a.chunks[ci].end > hi || a.resolve(ci).hasActor {
		return false
	}
	return eventNouns[a.up(a.chunks[ci].end-1)]
}

// judgedComplement reads a reporting verb's complement of the form "[NP]
// was/is [judgement]" ("said the launch was an unprecedented threat"): the
// code of the judgement (111 or 120) and the judged actor chunk, if the NP
// names one.
func (a *analysis) judgedComplement(g *group) (string, []int) {
	j := g.last + 1
	for j < len(a.toks) && (a.up(j) == "THAT" || a.is(j, wAdv) || a.chunkAt(j) >= 0 && a.chunks[a.chunkAt(j)].time || a.is(j, wPrep) && a.chunkAt(j+1) >= 0 && a.chunks[a.chunkAt(j+1)].time) {
		j++
	}
	ci := a.chunkAt(j)
	if ci < 0 || a.chunks[ci].prep != "" || a.chunks[ci].pron != "" && a.chunks[ci].pron != "IT" {
		return a.blamedInComplement(g)
	}
	k := a.chunks[ci].end
	if !a.is(k, wBe) || a.ment[k] >= 0 {
		return a.blamedInComplement(g)
	}
	end := k + 1
	for end < len(a.toks) && end < k+8 && !a.toks[end].punct && !a.isVerb[end] {
		end++
	}
	var code string
	switch a.verdictAfter(k+1, end) {
	case "111":
		code = "111"
	case "12":
		code = "120"
	default:
		return a.blamedInComplement(g)
	}
	if a.resolve(ci).hasActor && a.chunks[ci].pron == "" {
		return code, []int{ci}
	}
	if a.chunks[ci].pron == "" && !eventNouns[a.up(a.chunks[ci].end-1)] {
		return "", nil
	}
	return code, nil
}

// blamedInComplement finds, in what a reporting verb reports, an actor said
// to be behind or responsible for something ("said Putin was responsible
// for the death of Navalny", "said he was nearly certain that Israel's
// Mossad was behind the killing"): the reporter accuses it (112).
func (a *analysis) blamedInComplement(g *group) (string, []int) {
	for k := g.last + 2; k < len(a.toks); k++ {
		u := a.up(k)
		if u == ";" {
			break
		}
		if !(u == "BEHIND" || u == "RESPONSIBLE" && a.up(k+1) == "FOR" || u == "GUILTY" && a.up(k+1) == "OF" || u == "TO" && a.up(k+1) == "BLAME") {
			continue
		}
		b := k - 1
		for b > g.last && k-b < 4 && (a.is(b, wAdv) || strings.HasSuffix(a.up(b), "LY") || a.up(b) == "ALMOST") {
			b-- // "was almost certainly behind"
		}
		if !a.is(b, wBe) || a.ment[b] >= 0 {
			continue
		}
		blamed := false
		for x := k + 1; x < len(a.toks) && x < k+8 && !a.toks[x].punct; x++ {
			blamed = blamed || blameNouns[a.up(x)]
		}
		if !blamed {
			continue // "was behind the effort to broker a deal"
		}
		ci := a.chunkAt(b - 1)
		if ci < 0 || a.chunks[ci].end != b || a.chunks[ci].prep != "" || a.chunks[ci].pron != "" || !a.resolve(ci).hasActor {
			continue
		}
		// the blame must be what is reported, not what some evidence or
		// report is said to show ("says it has evidence proving Russia
		// was behind the attacks")
		direct := a.ment[a.chunks[ci].start] >= 0 || a.is(a.chunks[ci].start, wDet)
		for x := g.last + 1; x < a.chunks[ci].start; x++ {
			direct = direct && !a.isVerb[x]
		}
		if direct {
			return "112", []int{ci}
		}
	}
	return "", nil
}

// blameNouns are harms someone can be blamed for.
var blameNouns = map[string]bool{"KILLING": true, "KILLINGS": true, "DEATH": true, "DEATHS": true, "ATTACK": true,
	"ATTACKS": true, "BOMBING": true, "BOMBINGS": true, "ASSASSINATION": true, "MURDER": true, "PLOT": true,
	"EXPLOSION": true, "EXPLOSIONS": true, "BLAST": true, "HACK": true, "HACKING": true, "CYBERATTACK": true,
	"COUP": true, "UNREST": true, "VIOLENCE": true, "MASSACRE": true, "POISONING": true, "SABOTAGE": true,
	"CRASH": true, "DOWNING": true, "CRIMES": true, "ABUSES": true, "GENOCIDE": true, "STRIKE": true, "STRIKES": true}

// leftConjunct returns the actor chunk coordinated by AND before chunk ci
// ("A and (more than) a dozen countries"), or -1.
func (a *analysis) leftConjunct(ci int) int {
	j := a.chunks[ci].start - 1
	for j >= 0 && (a.up(j) == "THAN" || a.up(j) == "MORE" || a.up(j) == "LESS" || a.up(j) == "OTHER" || a.up(j) == "SEVERAL") {
		j--
	}
	if a.up(j) != "AND" || a.ment[j] >= 0 {
		return -1
	}
	p := a.chunkAt(j - 1)
	if p < 0 || a.chunks[p].prep != a.chunks[ci].prep || !a.resolve(p).hasActor {
		return -1
	}
	return p
}

// onlyCountry reports that every country named between lo and hi is c.
func (a *analysis) onlyCountry(c string, lo, hi int) bool {
	for _, m := range a.mentions {
		if !m.actor || m.code == "" || m.start < lo || m.start >= hi {
			continue
		}
		if mc := countryOf(m.code); mc != "" && mc != c || strings.HasPrefix(m.code, "IGO") || strings.HasPrefix(m.code, "IMG") {
			return false
		}
	}
	return true
}

// fightNouns name fighting whose sides a BETWEEN phrase gives.
var fightNouns = map[string]bool{"FIGHTING": true, "CLASHES": true, "CLASH": true, "BATTLES": true, "BATTLE": true,
	"WAR": true, "HOSTILITIES": true, "SKIRMISHES": true, "GUNFIGHTS": true, "FIREFIGHT": true, "FIREFIGHTS": true}

// truceOrFightBefore finds, before position lim and within the clause, a
// chunk without preposition headed by a truce or fight noun: the subject
// of "A ceasefire between X and Y along the border in Kashmir took effect".
func (a *analysis) truceOrFightBefore(lim int) int {
	for ci := len(a.chunks) - 1; ci >= 0; ci-- {
		ch := &a.chunks[ci]
		if ch.start >= lim {
			continue
		}
		if a.toks[ch.end].up == ";" || a.is(ch.end, wComma) && ch.end < lim-1 && a.isVerb[ch.end+1] {
			return -1
		}
		if h := a.up(ch.end - 1); ch.prep == "" && (truceNouns[h] || fightNouns[h]) {
			return ci
		}
	}
	return -1
}

// truceNouns name a truce whose sides a BETWEEN phrase gives.
var truceNouns = map[string]bool{"CEASEFIRE": true, "CEASE-FIRE": true, "TRUCE": true, "ARMISTICE": true}

// betweenSides returns the coordinated actor chunks of a BETWEEN phrase
// between from and to when it names at least two actors.
func (a *analysis) betweenSides(from, to int) []int {
	for j := from; j < to && j < len(a.toks); j++ {
		ci := a.chunkAt(j)
		if ci < 0 || a.chunks[ci].prep != "BETWEEN" {
			continue
		}
		if !a.resolve(ci).hasActor {
			return nil
		}
		sides := a.coordinated(ci, false)
		if len(a.actorsOf(sides)) < 2 {
			return nil
		}
		return sides
	}
	return nil
}

// acceptLemmas are verbs whose negation in the present is a rejection.
var acceptLemmas = map[string]bool{"RECOGNIZE": true, "RECOGNISE": true, "ACCEPT": true, "SUPPORT": true,
	"ENDORSE": true, "BACK": true, "ACKNOWLEDGE": true}

// presentTense reports a group in the simple present ("does not
// recognise", "do not accept").
func (a *analysis) presentTense(g *group) bool {
	for k := g.first; k < g.head; k++ {
		switch a.up(k) {
		case "DOES", "DO", "IS", "ARE", "AM":
			return true
		}
	}
	return false
}

// armedGroup reports an actor code of a non-state armed group.
func armedGroup(code string) bool {
	return hasSegment(code, "REB", "UAF", "INS") || strings.HasPrefix(code, "IMG")
}

// setOff reports a comma before the subordinator at p, possibly across a
// measure of time ("hours after", "a day after").
func (a *analysis) setOff(p int) bool {
	j := p - 1
	if ci := a.chunkAt(j); ci >= 0 && a.chunks[ci].prep == "" {
		j = a.chunks[ci].start - 1
	}
	return a.is(j, wComma)
}

// takeLemmas take places from someone.
var takeLemmas = map[string]bool{"RECAPTURE": true, "RETAKE": true, "CAPTURE": true, "SEIZE": true, "WREST": true,
	"TAKE": true, "LIBERATE": true, "RECLAIM": true}

// fromActor returns the first FROM phrase naming an actor between from and
// to, or -1.
func (a *analysis) fromActor(from, to int) int {
	for j := from; j >= 0 && j < to && j < len(a.toks); j++ {
		if ci := a.chunkAt(j); ci >= 0 && a.chunks[ci].prep == "FROM" && a.resolve(ci).hasActor {
			return ci
		}
	}
	return -1
}

// clauseShift returns the day offset of a clause introduced by "a day
// after", "two days before", "hours after" (subject chunk ch with the
// subordinator as its preposition) relative to the clause it modifies.
func (a *analysis) clauseShift(ch chunk) (int, bool) {
	sign := 0
	switch ch.prep {
	case "AFTER":
		sign = -1
	case "BEFORE":
		sign = 1
	default:
		return 0, false
	}
	p := ch.start - 2 // the word before the subordinator
	if p < 0 {
		return 0, false
	}
	switch a.up(p) {
	case "HOURS", "MINUTES", "HOUR":
		return 0, true
	case "DAY":
		return sign, true
	case "DAYS":
		if n, ok := smallNumbers[a.up(p-1)]; ok {
			return sign * n, true
		}
	case "WEEK":
		return sign * 7, true
	case "WEEKS":
		if n, ok := smallNumbers[a.up(p-1)]; ok {
			return sign * 7 * n, true
		}
	}
	return 0, false
}

// fromMainClause dates a background clause that starts at token end and
// lies n days from the main clause (clauseShift): the date of the first
// verb group's clause, shifted; false when that clause has no date.
func fromMainClause(dates []dateExpr, groups []*group, n, end int, def time.Time) (time.Time, bool) {
	main := eventDate(dates, groups[0].head, 0, end, def)
	if main.IsZero() {
		return time.Time{}, false
	}
	return main.AddDate(0, 0, n), true
}

var smallNumbers = map[string]int{"TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}

// sameActors reports chunk lists naming the same actor codes.
func (a *analysis) sameActors(x, y []int) bool {
	ax, ay := a.actorsOf(x), a.actorsOf(y)
	if len(ax) != len(ay) {
		return false
	}
	for i := range ax {
		if ax[i].Code != ay[i].Code {
			return false
		}
	}
	return true
}

// actWords after a judgement word make it a description of an act.
var actWords = map[string]bool{"ATTACK": true, "ATTACKS": true, "ACT": true, "ACTS": true, "INCIDENT": true,
	"BOMBING": true, "STRIKE": true, "PLOT": true, "OPERATION": true}

// personObject reports an object pronoun for a person right after g: HIM,
// THEM, or HER not followed by a noun ("defended her country" is a
// possessive).
func (a *analysis) personObject(g *group) bool {
	j := g.last + 1
	if j >= len(a.toks) || a.ment[j] >= 0 {
		return false
	}
	switch a.up(j) {
	case "HIM", "THEM":
		return true
	case "HER":
		return j+1 >= len(a.toks) || a.toks[j+1].punct || a.is(j+1, wPrep)
	}
	return false
}

// anaphoricHeads head definite descriptions that refer back to actors
// named before ("the two countries", "the Nordic countries").
var anaphoricHeads = map[string]bool{"COUNTRIES": true, "COUNTRY": true, "NATIONS": true, "NATION": true,
	"GOVERNMENTS": true, "NEIGHBOURS": true, "NEIGHBORS": true, "ALLIES": true, "KINGDOM": true, "REPUBLIC": true,
	"STATES": true, "CAPITALS": true}

// headBeforeOf returns the head position of chunk ci: the word before an
// inner OF ("the Nordic countries of harbouring ..."), else its last word.
func (a *analysis) headBeforeOf(ci int) int {
	ch := &a.chunks[ci]
	for k := ch.start + 1; k < ch.end; k++ {
		if a.up(k) == "OF" && a.ment[k] < 0 {
			return k - 1
		}
	}
	return ch.end - 1
}

// conditionAfter reports "if" or "unless" in [from, to), before any
// semicolon.
func (a *analysis) conditionAfter(from, to int) bool {
	for j := from; j < to && j < len(a.toks); j++ {
		switch a.up(j) {
		case "IF", "UNLESS":
			return true
		case ";":
			return false
		}
	}
	return false
}

// crowdWords name a crowd of people of no particular standing.
var crowdWords = map[string]bool{"SUPPORTERS": true, "THOUSANDS": true, "HUNDREDS": true, "DOZENS": true, "PEOPLE": true,
	"CROWDS": true, "CROWD": true, "PROTESTERS": true, "PROTESTORS": true, "DEMONSTRATORS": true, "STUDENTS": true,
	"WORKERS": true, "RESIDENTS": true, "MARCHERS": true, "ACTIVISTS": true, "OPPONENTS": true, "CITIZENS": true, "WOMEN": true}

// pledgeLemmas promise an act of their own.
var pledgeLemmas = map[string]bool{"PLEDGE": true, "PROMISE": true, "COMMIT": true}

// attackPP finds, in [from, to), an IN or BY chunk headed by an attack noun
// that names an actor with a country ("in Israeli tank shelling"); -1 if none.
func (a *analysis) attackPP(from, to int) int {
	for ci := range a.chunks {
		ch := &a.chunks[ci]
		if ch.start < from || ch.start >= to || ch.prep != "IN" && ch.prep != "BY" {
			continue
		}
		if r := a.resolve(ci); attackNouns[a.up(ch.end-1)] && r.hasActor && countryOf(r.actor.Code) != "" {
			return ci
		}
	}
	return -1
}

// placeCountry is the country of the first IN/NEAR/AT chunk in [from, to)
// that names one, or "".
func (a *analysis) placeCountry(from, to int) string {
	for ci := from; ci < len(a.chunks) && a.chunks[ci].start < to; ci++ {
		if !locationPreps[a.chunks[ci].prep] {
			continue
		}
		if r := a.resolve(ci); r.hasActor {
			return countryOf(r.actor.Code)
		}
	}
	return ""
}

// helpLemmas name the help that a purpose clause gives.
var helpLemmas = map[string]bool{"HELP": true, "SUPPORT": true, "ASSIST": true, "BOLSTER": true, "AID": true, "PROTECT": true, "DEFEND": true, "REINFORCE": true}

// helpPurpose reports "to help", "to support" ... in [from, to).
func (a *analysis) helpPurpose(from, to int) bool {
	return a.helpAt(from, to) >= 0
}

// helpAt returns the position of the TO of "to help", "to support" ... in
// [from, to), or -1.
func (a *analysis) helpAt(from, to int) int {
	for j := from; j+1 < to && j+1 < len(a.toks); j++ {
		if a.up(j) == "TO" && a.verbs[j+1] != nil && helpLemmas[a.verbs[j+1][0].lemma] {
			return j
		}
	}
	return -1
}

// allUnknown reports actors that all lack a country ("---MIL").
func allUnknown(as []schema.Actor) bool {
	for _, t := range as {
		if !strings.HasPrefix(t.Code, "---") {
			return false
		}
	}
	return true
}

// retaliateLemmas answer an attack in kind.
var retaliateLemmas = map[string]bool{"RESPOND": true, "RETALIATE": true, "AVENGE": true, "REVENGE": true}

// meansLemmas use an instrument for a purpose that the infinitive after
// their object states ("used tear gas to disperse demonstrators").
var meansLemmas = map[string]bool{"USE": true, "EMPLOY": true, "FIRE": true, "OPEN": true, "DEPLOY": true, "SEND": true, "DISPATCH": true}

// conditionSubject returns the actor chunk that is the subject of an "if"
// or "unless" clause after from, or -1.
func (a *analysis) conditionSubject(from int) int {
	for j := from; j+1 < len(a.toks); j++ {
		if u := a.up(j); u != "IF" && u != "UNLESS" {
			continue
		}
		if ci := a.chunkAt(j + 1); ci >= 0 && a.chunks[ci].prep == "" && a.resolve(ci).hasActor {
			return ci
		}
		return -1
	}
	return -1
}

// arrestLemmas take people into custody.
var arrestLemmas = map[string]bool{"ARREST": true, "DETAIN": true, "JAIL": true, "IMPRISON": true, "NAB": true, "APPREHEND": true}

// victimsAfter finds ", killing N <actor>" (or wounding) from position
// from: the chunk naming the victims, or -1.
func (a *analysis) victimsAfter(from int) int {
	for j := from; j+1 < len(a.toks) && j < from+4; j++ {
		if !a.is(j, wComma) {
			continue
		}
		if u := a.up(j + 1); u != "KILLING" && u != "WOUNDING" && u != "INJURING" {
			return -1
		}
		for k := j + 2; k < len(a.toks) && k < j+8; k++ {
			if ci := a.chunkAt(k); ci >= 0 && a.resolve(ci).hasActor {
				return ci
			}
		}
		return -1
	}
	return -1
}

// exchangeLemmas act in both directions between coordinated subjects
// ("Russia and Ukraine exchanged prisoners").
var exchangeLemmas = map[string]bool{"EXCHANGE": true, "SWAP": true, "TRADE": true}

// killLemmas kill or shoot people.
var killLemmas = map[string]bool{"KILL": true, "SHOOT": true, "MURDER": true, "STAB": true, "ASSASSINATE": true, "EXECUTE": true, "BEHEAD": true}

// victimCode turns military force (190) into an assault (18x) when the
// victims are no armed force: "a police officer shot dead Russia's
// ambassador" (186), "militants attacked a shopping mall in Nairobi" (180).
func victimCode(code string, ev *groupEvent, src, tgt schema.Actor) string {
	if code == "180" && ev.killing && ev.victims >= 50 {
		return "202"
	}
	if code != "190" {
		return code
	}
	segs := func(x ...string) bool { return hasSegment(tgt.Code, x...) }
	if segs("MIL", "COP", "REB", "UAF", "INS", "SPY") {
		return code
	}
	switch {
	case ev.killing && ev.victims >= 50:
		return "202" // "killed about 80 Yazidi men": mass killing
	case ev.place && len(tgt.Code) == 3 && armedGroup(src.Code):
		return "180" // armed men attacking people or buildings of a place
	case ev.killing && segs("GOV", "ELI", "LEG", "JUD"):
		return "186"
	case ev.killing && segs("CVL", "PPL", "MED", "EDU", "HLH", "REL", "BUS", "REF", "OPP", "LAB"):
		return "180"
	}
	return code
}

// eachOther reports "each other" or "one another" as the object of g.
func (a *analysis) eachOther(g *group) bool {
	j := g.last + 1
	if k := a.timeSpan(j); k > j {
		j = k
	}
	return a.up(j) == "EACH" && a.up(j+1) == "OTHER" || a.up(j) == "ONE" && a.up(j+1) == "ANOTHER"
}

// headCount reads how many people chunk ci counts: "about 80 Yazidi men"
// 80, "more than 1,000 people" 1000, "hundreds of civilians" 200; 0 if
// it gives no count.
func (a *analysis) headCount(ci int) int {
	ch := &a.chunks[ci]
	for k := max(ch.start-3, 0); k < ch.end; k++ {
		u := strings.ReplaceAll(a.up(k), ",", "")
		if n, err := strconv.Atoi(u); err == nil {
			if k+1 < len(a.toks) && (a.up(k+1) == "PERCENT" || monthWord(a.up(k+1))) {
				continue
			}
			return n
		}
		switch u {
		case "HUNDREDS":
			return 200
		case "THOUSANDS":
			return 2000
		case "DOZENS", "SCORES":
			return 30
		}
	}
	return 0
}

func monthWord(u string) bool {
	_, ok := months[u]
	return ok
}

// commerceLemmas buy, sell or invest.
var commerceLemmas = map[string]bool{"BUY": true, "ACQUIRE": true, "PURCHASE": true, "INVEST": true, "SELL": true, "MERGE": true}

// armsDeal reports a military agent or weapon in [from, to): a purchase or
// sale of arms is a political event.
func (a *analysis) armsDeal(from, to int) bool {
	for j := from; j < to && j < len(a.toks); j++ {
		if weaponHeads[a.up(j)] || a.up(j) == "ARMS" || a.up(j) == "WEAPONS" {
			return true
		}
		if m := a.ment[j]; m >= 0 && !a.mentions[m].actor && strings.Contains(a.mentions[m].code, "MIL") {
			return true
		}
	}
	return false
}

// departLemmas leave a place.
var departLemmas = map[string]bool{"LEAVE": true, "DEPART": true, "QUIT": true}

// diplomatHeads name a country's envoys.
var diplomatHeads = map[string]bool{"AMBASSADOR": true, "ENVOY": true, "DIPLOMAT": true, "DIPLOMATS": true,
	"ENVOYS": true, "AMBASSADORS": true, "ATTACHE": true, "CONSUL": true}

// postureTarget reports whether chunk ci names where forces stand rather
// than who receives them: "at Latakia", "near the Ukrainian border", "to
// the Colombian border".
func (a *analysis) postureTarget(ci int) bool {
	switch a.chunks[ci].prep {
	case "AT", "NEAR", "ALONG", "OUTSIDE":
		return true
	}
	return a.chunkHasWord(ci, borderWords)
}

var borderWords = map[string]bool{"BORDER": true, "BORDERS": true, "FRONTIER": true, "FRONTIERS": true, "BOUNDARY": true}

// chunkHasWord reports a word of set in chunk ci.
func (a *analysis) chunkHasWord(ci int, set map[string]bool) bool {
	for k := a.chunks[ci].start; k < a.chunks[ci].end; k++ {
		if set[a.up(k)] {
			return true
		}
	}
	return false
}

// peopleObject reports a direct object after from that names people by an
// agent word ("two Israeli soldiers", "15 British sailors").
func (a *analysis) peopleObject(from int) bool {
	ci := a.chunkAt(from)
	if ci < 0 || a.chunks[ci].prep != "" {
		return false
	}
	r := a.resolve(ci)
	if !r.hasActor || len(r.agents) == 0 {
		return false
	}
	m := a.ment[a.chunks[ci].end-1]
	return m >= 0 && !weaponHeads[a.up(a.chunks[ci].end-1)] && !strings.Contains(a.mentions[m].code, "BUS")
}

// officialCode reports an actor code of office holders: government,
// elite, legislature or judiciary.
func officialCode(code string) bool {
	return hasSegment(code, "GOV", "ELI", "LEG", "JUD")
}

// accidentIn reports an accident word after from ("when his plane
// crashed"): a death in an accident has no attacker.
func (a *analysis) accidentIn(from int) bool {
	for j := from; j < len(a.toks); j++ {
		switch u := a.up(j); u {
		case "CRASH", "CRASHED", "CRASHES", "ACCIDENT", "EARTHQUAKE", "FLOOD", "FLOODS", "FIRE", "STORM":
			return true
		}
	}
	return false
}

// stateAgent reports an agent code of a state's own services: police,
// military, intelligence, courts.
func stateAgent(code string) bool {
	return hasSegment(code, "COP", "MIL", "SPY", "JUD")
}

// objectOfEarlier reports chunk ci as the object of one of the earlier
// groups: it follows the group's verb with no comma, conjunction or other
// verb between.
func (a *analysis) objectOfEarlier(earlier []*group, ci int) bool {
	for _, g0 := range earlier {
		// "Pakistan said it shot down two jets": a reporting verb's next
		// noun phrase starts its complement clause
		if g0.last >= a.chunks[ci].start || sayLemmas[g0.verb.lemma] || a.chunks[ci].pron != "" {
			continue
		}
		// "The RSF and allied Arab militias killed": a participle used as
		// an adjective has no object
		if u := a.up(g0.first - 1); u == "AND" || u == "OR" || a.is(g0.first-1, wDet) {
			continue
		}
		ok := true
		for j := g0.last + 1; j < a.chunks[ci].start; j++ {
			if a.is(j, wComma) || a.up(j) == "AND" || a.up(j) == "BUT" || a.isVerb[j] || a.toks[j].punct {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// ownDestination reports a TO/INTO chunk in [from, to) that begins with a
// possessive pronoun ("to his home state"): the subject's own territory.
func (a *analysis) ownDestination(from, to int) bool {
	for ci := range a.chunks {
		ch := &a.chunks[ci]
		if ch.start < from || ch.start >= to || (ch.prep != "TO" && ch.prep != "INTO") {
			continue
		}
		switch a.up(ch.start) {
		case "HIS", "HER", "ITS", "THEIR":
			return true
		}
	}
	return false
}

// answeredActor finds "in response to X's ...", "in retaliation for X's
// ..." after from: the chunk of X, or -1.
func (a *analysis) answeredActor(from int) int {
	for j := from; j+2 < len(a.toks); j++ {
		if a.toks[j].up == ";" {
			return -1
		}
		if a.up(j) != "IN" || !(a.up(j+1) == "RESPONSE" && a.up(j+2) == "TO" || a.up(j+1) == "RETALIATION" && a.up(j+2) == "FOR") {
			continue
		}
		if ci := a.chunkAt(j + 3); ci >= 0 && a.resolve(ci).hasActor {
			return ci
		}
		return -1
	}
	return -1
}

// bombWords name a bomb or blast as the subject of an attack.
var bombWords = map[string]bool{"BOMB": true, "BOMBS": true, "BLAST": true, "BLASTS": true, "EXPLOSION": true,
	"EXPLOSIONS": true, "EXPLOSIVES": true, "EXPLOSIVE": true, "IED": true, "GRENADE": true, "GRENADES": true}

// ladenWords carry explosives: "a truck packed with explosives".
var ladenWords = map[string]bool{"PACKED": true, "LADEN": true, "LOADED": true, "RIGGED": true, "FILLED": true, "STUFFED": true}

// ladenWithBombs reports a vehicle "packed/laden/loaded/rigged with
// explosives": chunk ci ends with or is followed by a laden word, then a
// WITH phrase naming explosives.
func (a *analysis) ladenWithBombs(ci int) bool {
	p := a.chunks[ci].end
	if !ladenWords[a.up(p)] {
		if p--; !ladenWords[a.up(p)] {
			return false
		}
	}
	nx := a.chunkAt(p + 2)
	return a.up(p+1) == "WITH" && nx > ci && a.chunkHasWord(nx, bombWords)
}

// bombLemmas are what bombs do.
var bombLemmas = map[string]bool{"EXPLODE": true, "RIP": true, "TEAR": true, "HIT": true, "STRIKE": true,
	"KILL": true, "DESTROY": true, "DEVASTATE": true, "WRECK": true, "ROCK": true, "SHAKE": true}

// hasSegment reports whether an actor code has one of the three-letter
// segments segs after its country ("RUSMIL" has MIL).
func hasSegment(code string, segs ...string) bool {
	for i := 3; i+3 <= len(code); i += 3 {
		for _, x := range segs {
			if code[i:i+3] == x {
				return true
			}
		}
	}
	return false
}

// complyLemmas follow a demand or a ruling; refusing them rejects it.
var complyLemmas = map[string]bool{"ABIDE": true, "COMPLY": true, "OBEY": true, "HONOR": true, "HONOUR": true, "RESPECT": true, "IMPLEMENT": true}
