package dgraph_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/dgraph"
	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"
)

func TestProbe(t *testing.T) {
	if os.Getenv("DYAD_PROBE") == "" {
		t.Skip()
	}
	ctx := context.Background()
	s, err := dgraph.Open(ctx, dgraph.Config{Addr: os.Getenv("DYAD_PROBE"), FoldIdle: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hub := os.Getenv("HUB")
	for _, q := range []string{
		`{ A as var(func: eq(roll.src, ["T:USAGOV","T:RUSGOV","T:CHNGOV","T:IRNMIL","T:SYRGOV"])) B as var(func: eq(roll.tgt, ["T:USAGOV","T:RUSGOV","T:CHNGOV","T:IRNMIL","T:SYRGOV"])) r(func: uid(A,B)) { count(uid) } }`,
		`{ A as var(func: eq(roll.src, ["T:USAGOV","T:RUSGOV","T:CHNGOV","T:IRNMIL","T:SYRGOV"])) B as var(func: eq(roll.tgt, ["T:USAGOV","T:RUSGOV","T:CHNGOV","T:IRNMIL","T:SYRGOV"])) r(func: uid(A,B)) { roll.key } }`,
		`{ A as var(func: eq(roll.src, ["T:USAGOV","T:RUSGOV","T:CHNGOV","T:IRNMIL","T:SYRGOV"])) B as var(func: eq(roll.tgt, ["T:USAGOV","T:RUSGOV","T:CHNGOV","T:IRNMIL","T:SYRGOV"])) r(func: uid(A,B)) { roll.key roll.sum } }`,
		`{ d(func: has(delta.rows)) { delta.rows } }`,
	} {
		for i := 0; i < 2; i++ {
			start := time.Now()
			resp, err := dgraph.RawQuery(ctx, s, q)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%v bytes %d server %v parse %v proc %v", time.Since(start), len(resp.Json), time.Duration(resp.Latency.TotalNs), time.Duration(resp.Latency.ParsingNs), time.Duration(resp.Latency.ProcessingNs))
		}
	}
	for i := 0; i < 3; i++ {
		start := time.Now()
		rows, err := s.Aggregate(ctx, schema.EventFilter{Actors: []string{hub}}, schema.Grouping{Source: true, Target: true})
		t.Logf("hop1 %d rows %v %v", len(rows), time.Since(start), err)
		start = time.Now()
		n, err := schema.ActorNetwork(ctx, s, cameo.MustStandard(), schema.NetworkQuery{Actor: hub, Hops: 2, MaxNodes: 100})
		t.Logf("network %d nodes %d edges %v %v", len(n.Nodes), len(n.Edges), time.Since(start), err)
		start = time.Now()
		_, err = schema.DyadRelations(ctx, s, cameo.MustStandard(), hub, "USAGOV", time.Time{}, time.Time{})
		t.Logf("relations %v %v", time.Since(start), err)
	}
}
