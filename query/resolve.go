package query

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/graphql-go/graphql"

	"github.com/dyadgraph/dyad/schema"
)

// Argument helpers. Every bad argument is a GraphQL error naming it.

func (a *api) first(p graphql.ResolveParams, name string) (int, error) {
	n, _ := p.Args[name].(int)
	if n < 1 || n > a.limits.MaxFirst {
		return 0, fmt.Errorf("%s must be between 1 and %d, got %d", name, a.limits.MaxFirst, n)
	}
	return n, nil
}

func parseDay(name string, v interface{}) (time.Time, error) {
	s, _ := v.(string)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(schema.DayLayout, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%s: %q is not a date (YYYY-MM-DD)", name, s)
}

func dateRange(args map[string]interface{}) (from, to time.Time, err error) {
	if from, err = parseDay("from", args["from"]); err != nil {
		return
	}
	if to, err = parseDay("to", args["to"]); err != nil {
		return
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		err = fmt.Errorf("from %s must be before to %s", from.Format(schema.DayLayout), to.Format(schema.DayLayout))
	}
	return
}

func stringList(v interface{}) []string {
	l, _ := v.([]interface{})
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func checkSelectors(name string, sels ...string) error {
	for _, s := range sels {
		if s == "" {
			continue
		}
		if _, err := schema.ParseSelector(s); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

func eventFilter(v interface{}) (schema.EventFilter, error) {
	m, _ := v.(map[string]interface{})
	var f schema.EventFilter
	if m == nil {
		return f, nil
	}
	f.Sources, f.Targets, f.Actors = stringList(m["sources"]), stringList(m["targets"]), stringList(m["actors"])
	for _, l := range []struct {
		name string
		sels []string
	}{{"sources", f.Sources}, {"targets", f.Targets}, {"actors", f.Actors}} {
		if err := checkSelectors("filter."+l.name, l.sels...); err != nil {
			return f, err
		}
	}
	f.CodePrefix, _ = m["codePrefix"].(string)
	f.Roots = stringList(m["roots"])
	if l, ok := m["quadClasses"].([]interface{}); ok {
		for _, x := range l {
			q, _ := x.(int)
			if q < 1 || q > 4 {
				return f, fmt.Errorf("filter.quadClasses: %v is not 1–4", x)
			}
			f.Quads = append(f.Quads, q)
		}
	}
	var err error
	if f.From, f.To, err = dateRange(m); err != nil {
		return f, fmt.Errorf("filter.%w", err)
	}
	f.Country, _ = m["country"].(string)
	f.Place, _ = m["place"].(string)
	f.Outlet, _ = m["outlet"].(string)
	f.MinMentions, _ = m["minMentions"].(int)
	return f, nil
}

// Query resolvers.

func (a *api) actor(p graphql.ResolveParams) (interface{}, error) {
	code := strings.ToUpper(strings.TrimSpace(p.Args["code"].(string)))
	if err := checkSelectors("code", code); err != nil {
		return nil, err
	}
	return thunk(loadersFrom(p.Context).actors.Load(p.Context, code), func(s schema.ActorSummary) (interface{}, error) {
		if s.Code == "" {
			return nil, nil
		}
		return actorNode{s.Code, s.Name}, nil
	}), nil
}

func (a *api) actors(p graphql.ResolveParams) (interface{}, error) {
	n, err := a.first(p, "first")
	if err != nil {
		return nil, err
	}
	found, err := a.store.SearchActors(p.Context, p.Args["search"].(string), n)
	if err != nil {
		return nil, err
	}
	out := make([]actorNode, len(found))
	for i, s := range found {
		out[i] = actorNode{s.Code, s.Name}
	}
	return out, nil
}

// connection is a page of events as the Relay types show it.
type connection struct{ schema.EventPage }

func (a *api) eventsPage(p graphql.ResolveParams, f schema.EventFilter) (interface{}, error) {
	n, err := a.first(p, "first")
	if err != nil {
		return nil, err
	}
	after, _ := p.Args["after"].(string)
	page, err := a.store.Events(p.Context, f, schema.PageRequest{First: n, After: after, Newest: p.Args["order"] == "NEWEST_FIRST"})
	if err != nil {
		return nil, err
	}
	return connection{page}, nil
}

func (a *api) events(p graphql.ResolveParams) (interface{}, error) {
	f, err := eventFilter(p.Args["filter"])
	if err != nil {
		return nil, err
	}
	return a.eventsPage(p, f)
}

func (a *api) actorEvents(p graphql.ResolveParams) (interface{}, error) {
	code := p.Source.(actorNode).code
	var f schema.EventFilter
	switch p.Args["role"] {
	case "SOURCE":
		f.Sources = []string{code}
	case "TARGET":
		f.Targets = []string{code}
	default:
		f.Actors = []string{code}
	}
	return a.eventsPage(p, f)
}

type dyadTallyNode struct {
	source, target string
	schema.Tally
}

func (a *api) relations(p graphql.ResolveParams) (interface{}, error) {
	src, tgt := p.Args["source"].(string), p.Args["target"].(string)
	if err := checkSelectors("source/target", src, tgt); err != nil {
		return nil, err
	}
	from, to, err := dateRange(p.Args)
	if err != nil {
		return nil, err
	}
	return schema.DyadRelations(p.Context, a.store, a.ontology, src, tgt, from, to)
}

func (a *api) rank(stance schema.Stance) graphql.FieldResolveFn {
	return func(p graphql.ResolveParams) (interface{}, error) {
		of := p.Args["of"].(string)
		if err := checkSelectors("of", of); err != nil {
			return nil, err
		}
		from, to, err := dateRange(p.Args)
		if err != nil {
			return nil, err
		}
		n, err := a.first(p, "first")
		if err != nil {
			return nil, err
		}
		ranked, err := schema.Rank(p.Context, a.store, a.ontology, of, stance, from, to, n)
		if err != nil {
			return nil, err
		}
		out := make([]rankedNode, len(ranked))
		for i, r := range ranked {
			out[i] = rankedNode{r, of, from, to}
		}
		return out, nil
	}
}

func (a *api) timeline(p graphql.ResolveParams) (interface{}, error) {
	var f schema.EventFilter
	for _, arg := range []struct {
		name string
		into *[]string
	}{{"source", &f.Sources}, {"target", &f.Targets}, {"actor", &f.Actors}} {
		if s, _ := p.Args[arg.name].(string); s != "" {
			if err := checkSelectors(arg.name, s); err != nil {
				return nil, err
			}
			*arg.into = []string{s}
		}
	}
	if len(f.Sources)+len(f.Targets)+len(f.Actors) == 0 {
		return nil, fmt.Errorf("timeline needs source, target or actor")
	}
	var err error
	if f.From, f.To, err = dateRange(p.Args); err != nil {
		return nil, err
	}
	b, err := schema.ParseBucket(p.Args["bucket"].(string))
	if err != nil {
		return nil, err
	}
	return schema.Timeline(p.Context, a.store, a.ontology, f, b)
}

func (a *api) network(p graphql.ResolveParams) (interface{}, error) {
	q := schema.NetworkQuery{Actor: p.Args["actor"].(string)}
	if err := checkSelectors("actor", q.Actor); err != nil {
		return nil, err
	}
	q.Hops, _ = p.Args["hops"].(int)
	q.MinEvents, _ = p.Args["minEvents"].(int)
	maxNodes, err := a.first(p, "maxNodes")
	if err != nil {
		return nil, err
	}
	q.MaxNodes = maxNodes
	if q.From, q.To, err = dateRange(p.Args); err != nil {
		return nil, err
	}
	return schema.ActorNetwork(p.Context, a.store, a.ontology, q)
}

// MaxPathHops bounds path queries.
const MaxPathHops = 6

func (a *api) path(p graphql.ResolveParams) (interface{}, error) {
	from := strings.ToUpper(p.Args["from"].(string))
	to := strings.ToUpper(p.Args["to"].(string))
	for _, s := range []string{from, to} {
		sel, err := schema.ParseSelector(s)
		if err != nil {
			return nil, err
		}
		if sel.Prefix {
			return nil, fmt.Errorf("path takes exact actor codes, not %q", s)
		}
	}
	hops, _ := p.Args["maxHops"].(int)
	if hops < 1 || hops > MaxPathHops {
		return nil, fmt.Errorf("maxHops must be between 1 and %d, got %d", MaxPathHops, hops)
	}
	codes, err := a.store.Path(p.Context, from, to, hops)
	if err != nil || len(codes) == 0 {
		return nil, err
	}
	return pathNode{codes}, nil
}

func (a *api) article(p graphql.ResolveParams) (interface{}, error) {
	id := p.Args["id"].(string)
	return thunk(loadersFrom(p.Context).articles.Load(p.Context, id), func(ar schema.Article) (interface{}, error) {
		if ar.ID == "" {
			return nil, nil
		}
		return ar, nil
	}), nil
}

func (a *api) stats(p graphql.ResolveParams) (interface{}, error) {
	return a.store.Stats(p.Context)
}

func (a *api) ingestArticles(p graphql.ResolveParams) (interface{}, error) {
	if !authorized(p.Context) {
		return nil, errUnauthorized
	}
	if a.ingester == nil {
		return nil, fmt.Errorf("this server does not ingest: it was started without a coder")
	}
	list, _ := p.Args["articles"].([]interface{})
	if len(list) > a.limits.MaxIngestArticles {
		return nil, fmt.Errorf("articles: %d given, at most %d per request", len(list), a.limits.MaxIngestArticles)
	}
	in := make([]ArticleInput, 0, len(list))
	for i, x := range list {
		m, _ := x.(map[string]interface{})
		var ai ArticleInput
		ai.ID, _ = m["id"].(string)
		ai.URL, _ = m["url"].(string)
		ai.Title, _ = m["title"].(string)
		ai.Outlet, _ = m["outlet"].(string)
		ai.Text, _ = m["text"].(string)
		ai.HTML, _ = m["html"].(string)
		pub, err := parseDay(fmt.Sprintf("articles[%d].published", i), m["published"])
		if err != nil {
			return nil, err
		}
		if ai.Text == "" && ai.HTML == "" {
			return nil, fmt.Errorf("articles[%d]: give text or html", i)
		}
		ai.Published = pub
		in = append(in, ai)
	}
	return a.ingester.IngestArticles(p.Context, in)
}

// Type resolvers.

func (a *api) resolveActor(t *graphql.Object) {
	fields := t.Fields()
	node := func(p graphql.ResolveParams) actorNode { return p.Source.(actorNode) }
	fields["code"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return node(p).code, nil }
	fields["name"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		n := node(p)
		if n.name != "" {
			return n.name, nil
		}
		return thunk(loadersFrom(p.Context).actors.Load(p.Context, n.code), func(s schema.ActorSummary) (interface{}, error) {
			if s.Name == "" {
				return n.code, nil
			}
			return s.Name, nil
		}), nil
	}
	fields["country"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return schema.CodeFamily(node(p).code), nil }
	fields["countryName"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		if c, ok := a.ontology.Country(schema.CodeFamily(node(p).code)); ok {
			return c.Name, nil
		}
		return nil, nil
	}
	fields["sector"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		return schema.Actor{Code: node(p).code}.Sector(), nil
	}
	fields["sectorName"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		sec := schema.Actor{Code: node(p).code}.Sector()
		if len(sec) < 3 {
			return nil, nil
		}
		if at, ok := a.ontology.ActorType(sec[:3]); ok {
			return at.Name, nil
		}
		return nil, nil
	}
	count := func(pick func(schema.ActorSummary) int) graphql.FieldResolveFn {
		return func(p graphql.ResolveParams) (interface{}, error) {
			return thunk(loadersFrom(p.Context).actors.Load(p.Context, node(p).code), func(s schema.ActorSummary) (interface{}, error) {
				return pick(s), nil
			}), nil
		}
	}
	fields["asSource"].Resolve = count(func(s schema.ActorSummary) int { return s.AsSource })
	fields["asTarget"].Resolve = count(func(s schema.ActorSummary) int { return s.AsTarget })
}

func actorOrNil(a *schema.Actor) interface{} {
	if a == nil {
		return nil
	}
	return actorNode{a.Code, a.Name}
}

func (a *api) resolveMention(t *graphql.Object) {
	f := t.Fields()
	m := func(p graphql.ResolveParams) schema.Mention { return p.Source.(mentionNode).Mention }
	f["article"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		return thunk(loadersFrom(p.Context).articles.Load(p.Context, m(p).ArticleID), func(ar schema.Article) (interface{}, error) {
			if ar.ID == "" {
				return nil, nil
			}
			return ar, nil
		}), nil
	}
	f["sentence"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return m(p).Sentence, nil }
	f["sentenceIndex"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return m(p).SentenceIndex, nil }
	f["evidence"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return nonNilStrings(m(p).Evidence), nil }
	f["reportedBy"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return actorOrNil(m(p).ReportedBy), nil }
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (a *api) resolveEvent(t, eventType, placeType *graphql.Object) {
	f := t.Fields()
	ev := func(p graphql.ResolveParams) schema.Event { return p.Source.(schema.Event) }
	firstMention := func(e schema.Event) schema.Mention {
		if len(e.Mentions) == 0 {
			return schema.Mention{}
		}
		return e.Mentions[0]
	}
	simple := map[string]func(schema.Event) interface{}{
		"id":          func(e schema.Event) interface{} { return e.ID },
		"source":      func(e schema.Event) interface{} { return actorNode{e.Source.Code, e.Source.Name} },
		"target":      func(e schema.Event) interface{} { return actorNode{e.Target.Code, e.Target.Name} },
		"code":        func(e schema.Event) interface{} { return e.Code },
		"rootCode":    func(e schema.Event) interface{} { return e.Root },
		"quadClass":   func(e schema.Event) interface{} { return e.Quad },
		"goldstein":   func(e schema.Event) interface{} { return e.Goldstein },
		"date":        func(e schema.Event) interface{} { return e.Date.Format(schema.DayLayout) },
		"numMentions": func(e schema.Event) interface{} { return e.NumMentions },
		"numOutlets":  func(e schema.Event) interface{} { return e.NumOutlets },
		"sentence":    func(e schema.Event) interface{} { return firstMention(e).Sentence },
		"evidence":    func(e schema.Event) interface{} { return nonNilStrings(firstMention(e).Evidence) },
		"reportedBy":  func(e schema.Event) interface{} { return actorOrNil(firstMention(e).ReportedBy) },
		"eventType": func(e schema.Event) interface{} {
			et, _ := a.ontology.Event(e.Code)
			return et
		},
		"place": func(e schema.Event) interface{} {
			if e.Place == nil {
				return nil
			}
			return e.Place
		},
		"mentions": func(e schema.Event) interface{} {
			out := make([]mentionNode, len(e.Mentions))
			for i, m := range e.Mentions {
				out[i] = mentionNode{m}
			}
			return out
		},
	}
	for name, get := range simple {
		get := get
		f[name].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return get(ev(p)), nil }
	}
	f["articles"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		e := ev(p)
		var ids []string
		seen := map[string]bool{}
		for _, m := range e.Mentions {
			if !seen[m.ArticleID] {
				seen[m.ArticleID] = true
				ids = append(ids, m.ArticleID)
			}
		}
		t := loadersFrom(p.Context).articles.LoadMany(p.Context, ids)
		return func() (interface{}, error) {
			arts, errs := t()
			for _, err := range errs {
				if err != nil {
					return nil, err
				}
			}
			out := make([]schema.Article, 0, len(arts))
			for _, ar := range arts {
				if ar.ID != "" {
					out = append(out, ar)
				}
			}
			return out, nil
		}, nil
	}
}

func resolveConnection(conn, edge, pageInfo *graphql.Object) {
	type edgeNode struct {
		cursor string
		event  schema.Event
	}
	conn.Fields()["edges"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		c := p.Source.(connection)
		out := make([]edgeNode, len(c.Events))
		for i, e := range c.Events {
			out[i] = edgeNode{c.Cursors[i], e}
		}
		return out, nil
	}
	conn.Fields()["pageInfo"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return p.Source, nil }
	conn.Fields()["totalCount"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return p.Source.(connection).Total, nil }
	edge.Fields()["cursor"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return p.Source.(edgeNode).cursor, nil }
	edge.Fields()["node"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return p.Source.(edgeNode).event, nil }
	pf := pageInfo.Fields()
	pf["hasNextPage"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return p.Source.(connection).HasNext, nil }
	pf["hasPreviousPage"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return false, nil }
	pf["startCursor"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		if c := p.Source.(connection); len(c.Cursors) > 0 {
			return c.Cursors[0], nil
		}
		return nil, nil
	}
	pf["endCursor"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		if c := p.Source.(connection); len(c.Cursors) > 0 {
			return c.Cursors[len(c.Cursors)-1], nil
		}
		return nil, nil
	}
}

// tallyOf extracts the tally of any source that carries one.
func tallyOf(src interface{}) schema.Tally {
	switch s := src.(type) {
	case dyadTallyNode:
		return s.Tally
	case schema.TimelinePoint:
		return s.Tally
	case rankedNode:
		return s.Tally
	case schema.NetworkEdge:
		return s.Tally
	}
	return schema.Tally{}
}

func dayOrNil(t time.Time) interface{} {
	if t.IsZero() {
		return nil
	}
	return t.Format(schema.DayLayout)
}

func (a *api) resolveTallies(dyad, point, ranked, edge, rootCount *graphql.Object) {
	tallyResolvers := map[string]func(schema.Tally) interface{}{
		"events":              func(t schema.Tally) interface{} { return t.Events },
		"verbalCooperation":   func(t schema.Tally) interface{} { return t.Quads[0] },
		"materialCooperation": func(t schema.Tally) interface{} { return t.Quads[1] },
		"verbalConflict":      func(t schema.Tally) interface{} { return t.Quads[2] },
		"materialConflict":    func(t schema.Tally) interface{} { return t.Quads[3] },
		"goldsteinSum":        func(t schema.Tally) interface{} { return round(t.GoldsteinSum) },
		"goldsteinMean":       func(t schema.Tally) interface{} { return round(t.GoldsteinMean()) },
		"first":               func(t schema.Tally) interface{} { return dayOrNil(t.First) },
		"last":                func(t schema.Tally) interface{} { return dayOrNil(t.Last) },
	}
	for _, obj := range []*graphql.Object{dyad, point, ranked, edge} {
		for name, get := range tallyResolvers {
			get := get
			obj.Fields()[name].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return get(tallyOf(p.Source)), nil }
		}
	}
	dyad.Fields()["source"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return p.Source.(dyadTallyNode).source, nil }
	dyad.Fields()["target"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return p.Source.(dyadTallyNode).target, nil }
	dyad.Fields()["byRoot"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		return sortedRoots(a.ontology, p.Source.(dyadTallyNode).Roots), nil
	}
	for _, name := range []string{"root", "name", "events"} {
		name := name
		rootCount.Fields()[name].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
			return p.Source.(map[string]interface{})[name], nil
		}
	}
	point.Fields()["start"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		return p.Source.(schema.TimelinePoint).Start.Format(schema.DayLayout), nil
	}
	rf := ranked.Fields()
	rf["actor"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		return actorNode{code: p.Source.(rankedNode).Code}, nil
	}
	rf["score"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return round(p.Source.(rankedNode).Score), nil }
	rf["evidence"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		r := p.Source.(rankedNode)
		n, err := a.first(p, "first")
		if err != nil {
			return nil, err
		}
		// Strongest first: the quad classes that carry the score.
		quads := []int{1, 2}
		if r.Score < 0 {
			quads = []int{3, 4}
		}
		page, err := a.store.Events(p.Context, schema.EventFilter{Sources: []string{r.Code}, Targets: []string{r.of}, Quads: quads, From: r.from, To: r.to}, schema.PageRequest{First: a.limits.MaxFirst})
		if err != nil {
			return nil, err
		}
		evs := page.Events
		sort.SliceStable(evs, func(i, j int) bool {
			gi, gj := evs[i].Goldstein, evs[j].Goldstein
			if r.Score < 0 {
				return gi < gj
			}
			return gi > gj
		})
		if len(evs) > n {
			evs = evs[:n]
		}
		return evs, nil
	}
	ef := edge.Fields()
	ef["source"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		return actorNode{code: p.Source.(schema.NetworkEdge).Source}, nil
	}
	ef["target"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		return actorNode{code: p.Source.(schema.NetworkEdge).Target}, nil
	}
	ef["sign"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		switch g := p.Source.(schema.NetworkEdge).GoldsteinSum; {
		case g > 0:
			return 1, nil
		case g < 0:
			return -1, nil
		}
		return 0, nil
	}
}

func (a *api) resolveGraphs(relations, node, network, link, path, stats *graphql.Object) {
	relations.Fields()["forward"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		r := p.Source.(schema.Relations)
		return dyadTallyNode{r.Source, r.Target, r.Forward}, nil
	}
	relations.Fields()["backward"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		r := p.Source.(schema.Relations)
		return dyadTallyNode{r.Target, r.Source, r.Backward}, nil
	}
	node.Fields()["actor"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		return actorNode{code: p.Source.(schema.NetworkNode).Code}, nil
	}
	node.Fields()["hops"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return p.Source.(schema.NetworkNode).Hops, nil }
	network.Fields()["nodes"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		n := p.Source.(schema.Network).Nodes
		if n == nil {
			n = []schema.NetworkNode{}
		}
		return n, nil
	}
	network.Fields()["edges"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		e := p.Source.(schema.Network).Edges
		if e == nil {
			e = []schema.NetworkEdge{}
		}
		return e, nil
	}
	path.Fields()["actors"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		codes := p.Source.(pathNode).codes
		out := make([]actorNode, len(codes))
		for i, c := range codes {
			out[i] = actorNode{code: c}
		}
		return out, nil
	}
	path.Fields()["hops"].Resolve = func(p graphql.ResolveParams) (interface{}, error) { return len(p.Source.(pathNode).codes) - 1, nil }
	path.Fields()["links"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		codes := p.Source.(pathNode).codes
		out := make([]linkNode, 0, len(codes))
		for i := 1; i < len(codes); i++ {
			out = append(out, linkNode{codes[i-1], codes[i]})
		}
		return out, nil
	}
	lf := link.Fields()
	lf["from"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		return actorNode{code: p.Source.(linkNode).from}, nil
	}
	lf["to"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		return actorNode{code: p.Source.(linkNode).to}, nil
	}
	lf["events"].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
		l := p.Source.(linkNode)
		n, err := a.first(p, "first")
		if err != nil {
			return nil, err
		}
		var evs []schema.Event
		for _, dir := range [][2]string{{l.from, l.to}, {l.to, l.from}} {
			page, err := a.store.Events(p.Context, schema.EventFilter{Sources: []string{dir[0]}, Targets: []string{dir[1]}}, schema.PageRequest{First: n, Newest: true})
			if err != nil {
				return nil, err
			}
			evs = append(evs, page.Events...)
		}
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].Date.After(evs[j].Date) })
		if len(evs) > n {
			evs = evs[:n]
		}
		return evs, nil
	}
	for _, name := range []string{"articles", "events", "mentions", "actors", "places"} {
		name := name
		stats.Fields()[name].Resolve = func(p graphql.ResolveParams) (interface{}, error) {
			s := p.Source.(schema.Stats)
			return map[string]int{"articles": s.Articles, "events": s.Events, "mentions": s.Mentions, "actors": s.Actors, "places": s.Places}[name], nil
		}
	}
}

// round keeps three decimals so sums print the same on every backend.
func round(f float64) float64 {
	const k = 1000
	if f < 0 {
		return -float64(int64(-f*k+0.5)) / k
	}
	return float64(int64(f*k+0.5)) / k
}
