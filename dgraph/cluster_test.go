package dgraph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/dgraph"
	"github.com/dyadgraph/dyad/ingest"
	"github.com/dyadgraph/dyad/ingest/coder"
	"github.com/dyadgraph/dyad/ingest/ingesttest"
	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/storetest"
	"github.com/dyadgraph/dyad/sqlite"
)

// TestConformanceOnCluster runs the store conformance suite against a
// sharded Dgraph: one zero and several alphas, each its own group
// (scripts/dgraph-cluster.sh start DIR starts three and prints the
// variables this test reads). It skips unless DYAD_DGRAPH_CLUSTER_ADDR is
// set; scripts/test.sh does not start a cluster.
//
//	DYAD_DGRAPH_CLUSTER_ADDR  the alphas' gRPC addresses, comma-separated
//	DYAD_DGRAPH_CLUSTER_ZERO  zero's HTTP address (default: derived from the
//	                          first alpha's port offset, as the script lays out)
//
// ALL DATA IN THAT CLUSTER IS DROPPED. Dgraph gives a new predicate to the
// group of the alpha that first sees it, and Dyad declares its whole schema
// in one operation, so on a fresh cluster every Dyad predicate starts in one
// group; zero's rebalancer only moves tablets by on-disk size, every 8
// minutes by default. So the test first spreads Dyad's predicates over all
// groups with zero's /moveTablet (round-robin by name), then runs the suite
// with each store opened through the next alpha, then checks from zero's
// /state that the predicates are still spread over more than one group
// (DropAll, which every open does, keeps the layout).
func TestConformanceOnCluster(t *testing.T) {
	env := os.Getenv("DYAD_DGRAPH_CLUSTER_ADDR")
	if env == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("DYAD_DGRAPH_CLUSTER_ADDR is not set: the three-alpha cluster test must run in CI (scripts/test.sh starts the cluster)")
		}
		t.Skip("DYAD_DGRAPH_CLUSTER_ADDR is not set; start a cluster with scripts/dgraph-cluster.sh start DIR and eval its output to run this test")
	}
	var addrs []string
	for _, a := range strings.Split(env, ",") {
		if a = strings.TrimSpace(a); a != "" {
			addrs = append(addrs, a)
		}
	}
	zero := os.Getenv("DYAD_DGRAPH_CLUSTER_ZERO")
	if zero == "" {
		host, port, err := net.SplitHostPort(addrs[0])
		p, perr := strconv.Atoi(port)
		if err != nil || perr != nil {
			t.Fatalf("DYAD_DGRAPH_CLUSTER_ADDR %q: want HOST:PORT,...", env)
		}
		zero = net.JoinHostPort(host, strconv.Itoa(6080+p-9080))
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	st := clusterState(t, zero)
	groups := st.groupIDs()
	t.Logf("cluster: zero at %s, %d groups %v, alphas %v", zero, len(groups), groups, addrs)
	if len(groups) < 2 {
		t.Fatalf("zero at %s knows %d group(s); a sharded cluster needs at least 2 (run zero with --replicas 1 and 2+ alphas)", zero, len(groups))
	}

	// Empty the cluster and declare the schema, then spread the predicates.
	s, err := dgraph.Open(ctx, dgraph.Config{Addr: addrs[0], DialTimeout: 30 * time.Second})
	if err != nil {
		t.Fatalf("Dgraph cluster at %s is unreachable: %v", addrs[0], err)
	}
	if err := s.DropAll(ctx); err != nil {
		s.Close()
		t.Fatalf("dropping the cluster's data: %v", err)
	}
	s.Close()
	preds := dyadPredicates()
	moveStart := time.Now()
	moved := 0
	st = clusterState(t, zero)
	for i, p := range preds {
		want := groups[i%len(groups)]
		if st.owner(p) == want {
			continue
		}
		moveTablet(t, zero, p, want)
		moved++
	}
	t.Logf("moved %d of %d Dyad predicates to spread them round-robin over %d groups in %v", moved, len(preds), len(groups), time.Since(moveStart).Round(time.Millisecond))
	// Alphas learn of the moves from zero a little later; until then they
	// refuse the schema with "Tablet isn't being served by this instance".
	for _, addr := range addrs {
		waitServing(t, addr, 2*time.Minute)
	}

	// The suite, each store opened through the next alpha.
	var next atomic.Int64
	suiteStart := time.Now()
	storetest.Run(t, func(t *testing.T) schema.Store {
		addr := addrs[int(next.Add(1)-1)%len(addrs)]
		octx, ocancel := context.WithTimeout(context.Background(), time.Minute)
		defer ocancel()
		s, err := dgraph.Open(octx, dgraph.Config{Addr: addr, DialTimeout: 30 * time.Second})
		if err != nil {
			t.Fatalf("Dgraph cluster alpha at %s is unreachable: %v", addr, err)
		}
		if err := s.DropAll(octx); err != nil {
			s.Close()
			t.Fatalf("dropping the cluster's data through %s: %v", addr, err)
		}
		return s
	})
	suite := time.Since(suiteStart)

	// Where the predicates are now.
	st = clusterState(t, zero)
	byGroup := map[uint32][]string{}
	for _, p := range preds {
		g := st.owner(p)
		byGroup[g] = append(byGroup[g], p)
	}
	owning := 0
	for _, g := range groups {
		if len(byGroup[g]) > 0 {
			owning++
		}
		t.Logf("group %d (%s): %d tablets in all, %d Dyad predicates: %s", g, st.members(g), len(st.Groups[strconv.Itoa(int(g))].Tablets), len(byGroup[g]), strings.Join(byGroup[g], " "))
	}
	if len(byGroup[0]) > 0 {
		t.Errorf("predicates served by no group: %v", byGroup[0])
	}
	if owning < 2 {
		t.Errorf("Dyad's predicates are served by %d group(s); want them spread over at least 2", owning)
	}
	t.Logf("conformance suite on %d alphas / %d groups: %d opens, suite %v, whole test %v", len(addrs), len(groups), next.Load(), suite.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))

	ingestOnCluster(ctx, t, addrs[len(addrs)-1])
}

// ingestOnCluster runs the ingest pipeline over a generated corpus into the
// cluster (through the given alpha, predicates spread over the groups), twice,
// and expects what a run into SQLite stores, and nothing more the second time.
func ingestOnCluster(ctx context.Context, t *testing.T, addr string) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(corpus, ingesttest.Corpus(1000, 5, 17), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := coder.New(coder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	run := func(s schema.Store) ingest.Summary {
		t.Helper()
		sum, err := ingest.Run(ctx, ingest.Config{Store: s, Coder: ingest.DictionaryCoder{Coder: c}, BatchEvents: 500}, []string{corpus})
		if err != nil || sum.Failed > 0 {
			t.Fatalf("ingest: %v; %s", err, sum)
		}
		return sum
	}
	dg, err := dgraph.Open(ctx, dgraph.Config{Addr: addr, DialTimeout: 30 * time.Second})
	if err != nil {
		t.Fatalf("Dgraph cluster alpha at %s is unreachable: %v", addr, err)
	}
	defer dg.Close()
	if err := dg.DropAll(ctx); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	first := run(dg)
	took := time.Since(began)
	again := run(dg)
	lite, err := sqlite.Open(ctx, filepath.Join(dir, "clean.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	run(lite)
	got, err := dg.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := lite.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want || got.Events == 0 {
		t.Errorf("cluster after ingest: %+v; SQLite: %+v", got, want)
	}
	if again.Coded != 0 || again.NewEvents != 0 || again.AlreadyStored != first.Coded {
		t.Errorf("second ingest into the cluster: %s; want every article already stored", again)
	}
	t.Logf("ingest on the cluster through %s: %d articles, %d events in %v (%.0f events/s); rerun stored nothing; stats %+v equal a SQLite run's",
		addr, first.Coded, first.NewEvents, took.Round(time.Millisecond), float64(first.NewEvents)/took.Seconds(), got)
}

// dyadPredicates lists the predicates schema.DQL declares, sorted.
func dyadPredicates() []string {
	re := regexp.MustCompile(`(?m)^([a-z]+\.[a-z]+):`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(schema.DQL, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return out
}

// zeroState is the part of zero's /state this test reads.
type zeroState struct {
	Groups map[string]struct {
		Members map[string]struct {
			Addr string `json:"addr"`
		} `json:"members"`
		Tablets map[string]struct {
			GroupID uint32 `json:"groupId"`
		} `json:"tablets"`
	} `json:"groups"`
}

func clusterState(t *testing.T, zero string) zeroState {
	t.Helper()
	c := http.Client{Timeout: 15 * time.Second}
	resp, err := c.Get("http://" + zero + "/state")
	if err != nil {
		t.Fatalf("zero's /state at %s: %v", zero, err)
	}
	defer resp.Body.Close()
	var st zeroState
	if err := json.NewDecoder(io.LimitReader(resp.Body, 16<<20)).Decode(&st); err != nil {
		t.Fatalf("zero's /state at %s: %v", zero, err)
	}
	return st
}

// groupIDs lists the groups that have members, ascending.
func (s zeroState) groupIDs() []uint32 {
	var ids []uint32
	for k, g := range s.Groups {
		id, err := strconv.Atoi(k)
		if err == nil && id > 0 && len(g.Members) > 0 {
			ids = append(ids, uint32(id))
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// owner is the group serving a predicate of the default namespace, or 0.
func (s zeroState) owner(pred string) uint32 {
	for k, g := range s.Groups {
		for _, key := range []string{"0-" + pred, pred} {
			if _, ok := g.Tablets[key]; ok {
				id, _ := strconv.Atoi(k)
				return uint32(id)
			}
		}
	}
	return 0
}

func (s zeroState) members(g uint32) string {
	var out []string
	for _, m := range s.Groups[strconv.Itoa(int(g))].Members {
		out = append(out, m.Addr)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// moveTablet asks zero to move a predicate to a group (synchronous).
func moveTablet(t *testing.T, zero, pred string, group uint32) {
	t.Helper()
	c := http.Client{Timeout: 2 * time.Minute}
	u := fmt.Sprintf("http://%s/moveTablet?tablet=%s&group=%d", zero, url.QueryEscape(pred), group)
	resp, err := c.Get(u)
	if err != nil {
		t.Fatalf("moving %s to group %d: %v", pred, group, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("moving %s to group %d: %s: %s", pred, group, resp.Status, b)
	}
}

// waitServing waits until the alpha at addr accepts Dyad's schema, which it
// refuses while the tablets moved to or from it are still in transit.
func waitServing(t *testing.T, addr string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		s, err := dgraph.Open(ctx, dgraph.Config{Addr: addr, DialTimeout: 30 * time.Second})
		cancel()
		if err == nil {
			s.Close()
			return
		}
		if !strings.Contains(err.Error(), "isn't being served") || time.Now().After(deadline) {
			t.Fatalf("Dgraph cluster alpha at %s does not serve the schema after the tablet moves: %v", addr, err)
		}
		time.Sleep(time.Second)
	}
}
