package dgraph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/dgraph-io/dgo/v230"
	"github.com/dgraph-io/dgo/v230/protos/api"

	"github.com/dyadgraph/dyad/schema"
)

// Backoff between retries of an aborted write.
const (
	retryBase = 20 * time.Millisecond
	retryMax  = 2 * time.Second
)

// Write stores a batch in one transaction: one query finds which nodes
// exist, one mutation (committed at once) adds the rest. A transaction
// aborted by a concurrent writer is retried from the start.
func (s *Store) Write(ctx context.Context, b schema.Batch) (schema.WriteResult, error) {
	pb, err := schema.Prepare(b, s.onto)
	if err != nil {
		return schema.WriteResult{}, fmt.Errorf("dgraph: write batch: %w", err)
	}
	if len(pb.Articles) == 0 && len(pb.Events) == 0 {
		return schema.WriteResult{}, nil
	}
	for attempt := 0; ; attempt++ {
		res, err := s.writeOnce(ctx, pb)
		if err == nil {
			s.afterWrite(res.NewEvents)
			return res, nil
		}
		if !errors.Is(err, dgo.ErrAborted) {
			return schema.WriteResult{}, fmt.Errorf("dgraph: write batch: %w", withCtx(ctx, err))
		}
		if attempt >= s.cfg.MaxRetries {
			return schema.WriteResult{}, fmt.Errorf("dgraph: write batch: aborted %d times by conflicting writes: %w", attempt+1, err)
		}
		if err := sleep(ctx, backoff(attempt)); err != nil {
			return schema.WriteResult{}, fmt.Errorf("dgraph: write batch: %w", err)
		}
	}
}

// backoff is exponential with full jitter.
func backoff(attempt int) time.Duration {
	d := retryBase << min(attempt, 10)
	if d > retryMax {
		d = retryMax
	}
	return d/2 + rand.N(d/2+1)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// existing is what the lookup query of a write found.
type existing struct {
	Articles []struct {
		UID    string `json:"uid"`
		XID    string `json:"article.xid"`
		Outlet string `json:"article.outlet"`
	} `json:"ar"`
	Actors []struct {
		UID string `json:"uid"`
		XID string `json:"actor.xid"`
	} `json:"ac"`
	Places []struct {
		UID string `json:"uid"`
		XID string `json:"place.xid"`
	} `json:"pl"`
	Events []struct {
		UID       string   `json:"uid"`
		XID       string   `json:"event.xid"`
		OutletSet []string `json:"event.outletset"`
		// The first mention, on the event node, and the others, read
		// under the aliases of eventFields.
		mentionJSON
		Known []mentionJSON `json:"~mention.event"`
	} `json:"ev"`
}

type eventState struct {
	uid      string
	mentions int
	outlets  map[string]bool
	known    map[string]bool // mention IDs, schema.Mention.ID
}

func (s *Store) writeOnce(ctx context.Context, b schema.Batch) (schema.WriteResult, error) {
	txn := s.dg.NewTxn()
	defer txn.Discard(ctx)

	// Collect the xids of the batch; actors and places found in the cache
	// are not looked up.
	actorUID := map[string]string{}
	actorName := map[string]string{}
	var actorOrder []string
	addActor := func(a schema.Actor) {
		if _, ok := actorName[a.Code]; ok {
			return
		}
		actorName[a.Code] = a.Name
		actorOrder = append(actorOrder, a.Code)
		if uid, ok := s.actors.get(a.Code); ok {
			actorUID[a.Code] = uid
		}
	}
	placeUID := map[string]string{}
	place := map[string]*schema.Place{}
	var placeOrder []string
	eventIDs := make([]string, len(b.Events))
	for i, e := range b.Events {
		eventIDs[i] = e.ID
		addActor(e.Source)
		addActor(e.Target)
		for _, m := range e.Mentions {
			if m.ReportedBy != nil {
				addActor(*m.ReportedBy)
			}
		}
		if e.Place != nil {
			k := e.Place.Key()
			if _, ok := place[k]; !ok {
				place[k] = e.Place
				placeOrder = append(placeOrder, k)
				if uid, ok := s.places.get(k); ok {
					placeUID[k] = uid
				}
			}
		}
	}
	articleIDs := make([]string, len(b.Articles))
	for i, a := range b.Articles {
		articleIDs[i] = a.ID
	}
	var lookupActors, lookupPlaces []string
	for _, c := range actorOrder {
		if _, ok := actorUID[c]; !ok {
			lookupActors = append(lookupActors, c)
		}
	}
	for _, k := range placeOrder {
		if _, ok := placeUID[k]; !ok {
			lookupPlaces = append(lookupPlaces, k)
		}
	}

	// (1) One query for everything that may exist already.
	q := newQuery()
	var blocks strings.Builder
	if len(articleIDs) > 0 {
		fmt.Fprintf(&blocks, "ar(func: eq(article.xid, %s)) { uid article.xid article.outlet }\n", q.list(articleIDs))
	}
	if len(lookupActors) > 0 {
		fmt.Fprintf(&blocks, "ac(func: eq(actor.xid, %s)) { uid actor.xid }\n", q.list(lookupActors))
	}
	if len(lookupPlaces) > 0 {
		fmt.Fprintf(&blocks, "pl(func: eq(place.xid, %s)) { uid place.xid }\n", q.list(lookupPlaces))
	}
	if len(eventIDs) > 0 {
		fmt.Fprintf(&blocks, "ev(func: eq(event.xid, %s)) { uid event.xid event.outletset sentidx: event.sentidx article: event.article { article.xid } ~mention.event { sentidx: mention.sentidx article: mention.article { article.xid } } }\n", q.list(eventIDs))
	}
	resp, err := txn.QueryWithVars(ctx, q.text(blocks.String()), q.vars)
	if err != nil {
		return schema.WriteResult{}, fmt.Errorf("look up existing nodes: %w", err)
	}
	var ex existing
	if err := json.Unmarshal(resp.Json, &ex); err != nil {
		return schema.WriteResult{}, fmt.Errorf("look up existing nodes: decode: %w", err)
	}
	articleUID := map[string]string{}
	outletOf := map[string]string{}
	for _, a := range ex.Articles {
		articleUID[a.XID] = a.UID
		outletOf[a.XID] = a.Outlet
	}
	foundActors := map[string]string{}
	for _, a := range ex.Actors {
		actorUID[a.XID] = a.UID
		foundActors[a.XID] = a.UID
	}
	foundPlaces := map[string]string{}
	for _, p := range ex.Places {
		placeUID[p.XID] = p.UID
		foundPlaces[p.XID] = p.UID
	}
	events := map[string]*eventState{}
	for _, e := range ex.Events {
		st := &eventState{uid: e.UID, outlets: map[string]bool{}, known: map[string]bool{}}
		for _, o := range e.OutletSet {
			st.outlets[o] = true
		}
		for _, m := range append(e.Known, e.mentionJSON) {
			if m.Article != nil {
				st.known[schema.Mention{ArticleID: m.Article.XID, SentenceIndex: m.SentIdx}.ID(e.XID)] = true
			}
		}
		st.mentions = len(st.known)
		events[e.XID] = st
	}

	// (2) N-Quads for what is new.
	var w nquads
	var res schema.WriteResult
	var delta strings.Builder        // the rollup delta of the new events (rollup.go)
	newActors := map[string]string{} // code → blank node
	newPlaces := map[string]string{} // key → blank node
	actorRef := func(a schema.Actor) string {
		if uid, ok := actorUID[a.Code]; ok {
			return "<" + uid + ">"
		}
		if bn, ok := newActors[a.Code]; ok {
			return bn
		}
		bn := "_:c" + strconv.Itoa(len(newActors))
		newActors[a.Code] = bn
		w.str(bn, "actor.xid", a.Code)
		w.str(bn, "actor.code", a.Code)
		w.str(bn, "actor.name", actorName[a.Code])
		w.str(bn, "dgraph.type", "Actor")
		return bn
	}
	placeRef := func(p *schema.Place) string {
		k := p.Key()
		if uid, ok := placeUID[k]; ok {
			return "<" + uid + ">"
		}
		if bn, ok := newPlaces[k]; ok {
			return bn
		}
		bn := "_:p" + strconv.Itoa(len(newPlaces))
		newPlaces[k] = bn
		w.str(bn, "place.xid", k)
		w.str(bn, "place.name", p.Name)
		if p.Country != "" {
			w.str(bn, "place.country", p.Country)
		}
		w.float(bn, "place.lat", p.Lat)
		w.float(bn, "place.lon", p.Lon)
		w.str(bn, "dgraph.type", "Place")
		return bn
	}
	articleRef := map[string]string{}
	for i, a := range b.Articles {
		if uid, ok := articleUID[a.ID]; ok {
			articleRef[a.ID] = "<" + uid + ">"
			continue
		}
		bn := "_:a" + strconv.Itoa(i)
		articleRef[a.ID] = bn
		outletOf[a.ID] = a.Outlet
		res.NewArticles++
		w.str(bn, "article.xid", a.ID)
		for _, f := range [...]struct{ pred, v string }{
			{"article.url", a.URL}, {"article.title", a.Title}, {"article.outlet", a.Outlet}, {"article.language", a.Language},
		} {
			if f.v != "" {
				w.str(bn, f.pred, f.v)
			}
		}
		w.str(bn, "article.published", a.Published.UTC().Format(time.RFC3339Nano))
		w.str(bn, "dgraph.type", "Article")
	}

	for i, e := range b.Events {
		st, exists := events[e.ID]
		var ref string
		if exists {
			ref = "<" + st.uid + ">"
		} else {
			st = &eventState{outlets: map[string]bool{}, known: map[string]bool{}}
			ref = "_:e" + strconv.Itoa(i)
		}
		var fresh []schema.Mention
		for _, m := range e.Mentions {
			if !st.known[m.ID(e.ID)] {
				fresh = append(fresh, m)
			}
		}
		if len(fresh) == 0 {
			continue
		}
		var newOutlets []string
		for _, m := range fresh {
			if o := outletOf[m.ArticleID]; o != "" && !st.outlets[o] {
				st.outlets[o] = true
				newOutlets = append(newOutlets, o)
			}
		}
		if exists {
			res.MergedEvents++
		} else {
			res.NewEvents++
			writeEvent(&w, ref, e)
			deltaLine(&delta, e)
			// Actors are nodes of their own (names, search), created with
			// the first event that names them.
			actorRef(e.Source)
			actorRef(e.Target)
			if e.Place != nil {
				w.ref(ref, "event.place", placeRef(e.Place))
				if e.Place.Country != "" {
					w.str(ref, "event.country", e.Place.Country)
				}
				w.str(ref, "event.placename", strings.ToLower(e.Place.Name))
			}
		}
		// Every write adding mentions to a stored event sets event.mentions,
		// a scalar: concurrent writers adding to the same event conflict,
		// and the retry sees the other's mentions. That is what keeps
		// mentions unique without an @upsert mention key. (Writers creating
		// the same event conflict on its @upsert xid.) A new event with one
		// mention leaves it out: a missing count means 1.
		if exists || len(fresh) > 1 {
			w.int(ref, "event.mentions", st.mentions+len(fresh))
		}
		for _, o := range newOutlets {
			w.str(ref, "event.outletset", o)
		}
		for j, m := range fresh {
			res.NewMentions++
			subject, prefix := ref, "event."
			if exists || j > 0 {
				// Mentions after an event's first are nodes of their own.
				subject, prefix = "_:m"+strconv.Itoa(i)+"_"+strconv.Itoa(j), "mention."
				w.ref(subject, "mention.event", ref)
			}
			if err := writeMention(&w, subject, prefix, m, articleRef[m.ArticleID], actorRef); err != nil {
				return schema.WriteResult{}, err
			}
		}
	}
	if delta.Len() > 0 {
		writeDelta(&w, delta.String())
	}
	if w.Len() == 0 {
		// Nothing new; the read-only transaction is discarded.
		s.remember(foundActors, foundPlaces, nil, nil, nil)
		return res, nil
	}

	// (3) One mutation, committed at once.
	mresp, err := txn.Mutate(ctx, &api.Mutation{SetNquads: []byte(w.String()), CommitNow: true})
	if err != nil {
		return schema.WriteResult{}, err
	}
	s.remember(foundActors, foundPlaces, newActors, newPlaces, mresp.Uids)
	return res, nil
}

// writeMention writes a mention's fields under prefix: "mention." on a
// mention node, "event." on the event node for its first mention, which
// saves a node, an edge and its reverse for the one mention most events
// have.
func writeMention(w *nquads, subject, prefix string, m schema.Mention, article string, actorRef func(schema.Actor) string) error {
	w.ref(subject, prefix+"article", article)
	w.int(subject, prefix+"sentidx", m.SentenceIndex)
	if m.Sentence != "" {
		w.str(subject, prefix+"sentence", m.Sentence)
	}
	if len(m.Evidence) > 0 {
		ev, err := json.Marshal(m.Evidence)
		if err != nil {
			return fmt.Errorf("encode evidence: %w", err)
		}
		w.str(subject, prefix+"evidence", string(ev))
	}
	if m.ReportedBy != nil {
		w.ref(subject, prefix+"reporter", actorRef(*m.ReportedBy))
	}
	return nil
}

// writeEvent writes the fields of a new event. Events and mentions carry
// no dgraph.type and no uid edges to their actors: the type index and the
// actors' reverse edges would be posting lists of every event, a few hub
// lists that every batch rewrites (a third of write time, measured with
// dyad bench store). Events are found by has(event.xid) and their actors
// by code (event.src, event.tgt); period buckets are computed from
// event.date when grouping.
func writeEvent(w *nquads, ref string, e schema.Event) {
	w.str(ref, "event.xid", e.ID)
	w.str(ref, "event.src", e.Source.Code)
	w.str(ref, "event.tgt", e.Target.Code)
	w.str(ref, "event.code", e.Code)
	w.str(ref, "event.date", e.Date.Format(time.RFC3339))
}

// remember caches the uids of actors and places after a successful
// transaction: those it found and those it created (blank node → uid).
func (s *Store) remember(foundActors, foundPlaces, newActors, newPlaces, uids map[string]string) {
	for xid, uid := range foundActors {
		s.actors.put(xid, uid)
	}
	for xid, uid := range foundPlaces {
		s.places.put(xid, uid)
	}
	for xid, bn := range newActors {
		if uid, ok := uids[strings.TrimPrefix(bn, "_:")]; ok {
			s.actors.put(xid, uid)
		}
	}
	for xid, bn := range newPlaces {
		if uid, ok := uids[strings.TrimPrefix(bn, "_:")]; ok {
			s.places.put(xid, uid)
		}
	}
}
