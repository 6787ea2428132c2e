package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/dyadgraph/dyad/dgraph/dgraphtest"
	"github.com/dyadgraph/dyad/ingest/ingesttest"
	"github.com/dyadgraph/dyad/schema"
)

// binary is the dyad command built once for these tests: they run it as a
// user would, including killing it.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dyad-cmd-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "dyad")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building dyad: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

func dyad(t *testing.T, stdin []byte, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	return runCmd(t, cmd)
}

// runCmd runs a prepared dyad command without DYAD_STORE from the test's
// environment and collects its output and exit code.
func runCmd(t *testing.T, cmd *exec.Cmd) result {
	t.Helper()
	cmd.Env = append(os.Environ(), "DYAD_STORE=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("dyad %v: %v", cmd.Args[1:], err)
	}
	return result{out.String(), errb.String(), code}
}

func stats(t *testing.T, store string) schema.Stats {
	t.Helper()
	r := dyad(t, nil, "stats", "--store", store)
	var st schema.Stats
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &st) != nil {
		t.Fatalf("dyad stats --store %s: %d %q %q", store, r.code, r.stdout, r.stderr)
	}
	return st
}

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHelpForEveryCommand(t *testing.T) {
	for name := range commands() {
		args := []string{name, "-h"}
		if name == "bench" {
			args = []string{"bench", "store", "-h"}
		}
		r := dyad(t, nil, args...)
		if r.code != 0 || !strings.Contains(r.stderr, "Usage: dyad "+name) {
			t.Errorf("dyad %s -h: exit %d, stderr %q", name, r.code, r.stderr)
		}
	}
	if r := dyad(t, nil, "frobnicate"); r.code != 2 || !strings.Contains(r.stderr, "unknown command") {
		t.Errorf("unknown command: %+v", r)
	}
	if r := dyad(t, nil, "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "dyad ") {
		t.Errorf("version: %+v", r)
	}
}

func TestIngestTwiceStoresNothingNew(t *testing.T) {
	store := "sqlite:" + filepath.Join(t.TempDir(), "twice.db")
	corpus := writeFile(t, "c.jsonl", ingesttest.Corpus(300, 5, 11))
	first := dyad(t, nil, "ingest", "--store", store, corpus)
	if first.code != 0 || !strings.Contains(first.stderr, "read 300 documents: 300 coded") {
		t.Fatalf("first ingest: %+v", first)
	}
	before := stats(t, store)
	if before.Articles != 300 || before.Events < 500 {
		t.Fatalf("after one ingest: %+v", before)
	}
	second := dyad(t, nil, "ingest", "--store", store, corpus)
	if second.code != 0 || !strings.Contains(second.stderr, "300 already stored") {
		t.Errorf("second ingest: %+v", second)
	}
	recoded := dyad(t, nil, "ingest", "--recode", "--store", store, corpus)
	if recoded.code != 0 || !strings.Contains(recoded.stderr, "0 new, 0 merged") {
		t.Errorf("recoding: %+v", recoded)
	}
	if after := stats(t, store); after != before {
		t.Errorf("stats after ingesting twice %+v, after once %+v", after, before)
	}
}

func TestBadInputIsReportedAndTheRestGoesOn(t *testing.T) {
	store := "sqlite:" + filepath.Join(t.TempDir(), "bad.db")
	good := ingesttest.Corpus(3, 3, 5)
	lines := bytes.SplitAfter(good, []byte("\n"))
	var in []byte
	in = append(in, lines[0]...)
	in = append(in, []byte("{\"title\": oops\n")...)
	in = append(in, lines[1]...)
	in = append(in, []byte(`{"published":"2015-01-01","text":"Le gouvernement français a annoncé mardi de nouvelles mesures pour soutenir les agriculteurs touchés par la sécheresse dans le sud du pays."}`+"\n")...)
	in = append(in, lines[2]...)
	path := writeFile(t, "bad.jsonl", in)
	r := dyad(t, nil, "ingest", "--store", store, path)
	if r.code != 1 {
		t.Errorf("exit %d, want 1 when a document failed", r.code)
	}
	for _, want := range []string{"bad.jsonl:2: malformed JSON", "3 coded", "1 failed", "1 skipped"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if st := stats(t, store); st.Articles != 3 {
		t.Errorf("stored %d articles, want the 3 good ones", st.Articles)
	}
	empty := writeFile(t, "empty.html", []byte("<html><body><script>x()</script></body></html>"))
	if r := dyad(t, nil, "ingest", "--store", store, empty); r.code != 0 || !strings.Contains(r.stderr, "1 skipped") {
		t.Errorf("HTML without text: %+v", r)
	}
	if r := dyad(t, nil, "ingest", "--store", store, "/no/such/file.jsonl"); r.code != 1 || !strings.Contains(r.stderr, "no such file") {
		t.Errorf("missing file: %+v", r)
	}
}

// articleCount reads the article count of a SQLite store being written by
// another process (WAL lets it).
func articleCount(path string) int {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(1000)")
	if err != nil {
		return -1
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM articles").Scan(&n); err != nil {
		return -1
	}
	return n
}

// TestKillAndResume kills dyad ingest with SIGKILL in the middle of a run,
// runs the same command again and compares the store with one written by
// an uninterrupted run.
func TestKillAndResume(t *testing.T) {
	const articles = 12000
	corpus := writeFile(t, "big.jsonl", ingesttest.Corpus(articles, 5, 21))
	dir := t.TempDir()
	killed := filepath.Join(dir, "killed.db")
	cmd := exec.Command(binary, "ingest", "--batch", "200", "--store", "sqlite:"+killed, corpus)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	at := -1
	for time.Now().Before(deadline) {
		if n := articleCount(killed); n > 0 {
			at = n
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if at <= 0 || at >= articles {
		t.Fatalf("killed at %d of %d stored articles; the test needs a kill mid-run", at, articles)
	}
	t.Logf("killed with %d of %d articles stored", articleCount(killed), articles)
	if r := dyad(t, nil, "ingest", "--store", "sqlite:"+killed, corpus); r.code != 0 {
		t.Fatalf("resume: %+v", r)
	}
	clean := filepath.Join(dir, "clean.db")
	if r := dyad(t, nil, "ingest", "--store", "sqlite:"+clean, corpus); r.code != 0 {
		t.Fatalf("clean run: %+v", r)
	}
	got, want := stats(t, "sqlite:"+killed), stats(t, "sqlite:"+clean)
	if got != want {
		t.Errorf("killed and resumed: %+v; uninterrupted: %+v", got, want)
	}
}

func TestExtractFormat(t *testing.T) {
	in := `{"id":"d1","date":"2015-10-01","text":"Russian warplanes bombed rebel positions near Latakia on Wednesday, the Pentagon said."}` + "\n"
	r := dyad(t, []byte(in), "extract")
	if r.code != 0 {
		t.Fatalf("extract: %+v", r)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 1 {
		t.Fatalf("extract printed %d events, want 1:\n%s", len(lines), r.stdout)
	}
	var ev map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &ev); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"doc_id", "sentence", "source", "target", "event_code", "root_code", "quad_class", "goldstein", "date", "location", "reported_by", "evidence"} {
		if _, ok := ev[f]; !ok {
			t.Errorf("no field %q in %s", f, lines[0])
		}
	}
	src, _ := ev["source"].(map[string]any)
	if ev["doc_id"] != "d1" || src["code"] != "RUSMIL" || ev["root_code"] != "19" || ev["date"] != "2015-09-30" {
		t.Errorf("event = %s; want d1, RUSMIL, root 19, dated Wednesday 2015-09-30", lines[0])
	}
	if rep, _ := ev["reported_by"].(map[string]any); rep == nil || rep["code"] != "USAMIL" {
		t.Errorf("reported_by = %v, want USAMIL", ev["reported_by"])
	}
}

func TestEvalPrintsScores(t *testing.T) {
	r := dyad(t, nil, "eval", "--json", "../../ingest/coder/testdata/petr2_gsr.jsonl")
	var reps []map[string]any
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &reps) != nil || len(reps) != 1 {
		t.Fatalf("eval: %+v", r)
	}
	main, _ := reps[0]["main"].(map[string]any)
	if rec, _ := main["recall"].(float64); rec < 0.5 {
		t.Errorf("petr2 recall %v from dyad eval; the coder tests assert the real floor", main["recall"])
	}
}

func TestDemoIngestsTheSamples(t *testing.T) {
	store := "sqlite:" + filepath.Join(t.TempDir(), "demo.db")
	r := dyad(t, nil, "demo", "--no-serve", "--store", store)
	if r.code != 0 {
		t.Fatalf("demo: %+v", r)
	}
	st := stats(t, store)
	if st.Articles < 30 || st.Events < 100 {
		t.Errorf("demo stored %+v; want the sample corpus", st)
	}
}

// TestSameAnswersOnDgraph ingests the samples into Dgraph through the CLI
// and compares its counts with SQLite's.
func TestSameAnswersOnDgraph(t *testing.T) {
	dgraphtest.Lock(t)
	dgraphtest.Open(t).Close() // empty it
	addr := dgraphtest.Addr(t)
	sq := "sqlite:" + filepath.Join(t.TempDir(), "demo.db")
	for _, store := range []string{sq, "dgraph:" + addr} {
		if r := dyad(t, nil, "demo", "--no-serve", "--store", store); r.code != 0 {
			t.Fatalf("demo into %s: %+v", store, r)
		}
		// Twice: idempotent on both.
		if r := dyad(t, nil, "demo", "--no-serve", "--recode", "--store", store); r.code != 0 || !strings.Contains(r.stderr, "0 new, 0 merged") {
			t.Errorf("demo again into %s: %+v", store, r)
		}
	}
	if a, b := stats(t, sq), stats(t, "dgraph:"+addr); a != b {
		t.Errorf("sqlite %+v, dgraph %+v", a, b)
	}
}

func TestExportStreamsFilteredEvents(t *testing.T) {
	store := "sqlite:" + filepath.Join(t.TempDir(), "export.db")
	if r := dyad(t, nil, "demo", "--no-serve", "--store", store); r.code != 0 {
		t.Fatalf("demo: %+v", r)
	}
	all := dyad(t, nil, "export", "--store", store)
	rows := strings.Split(strings.TrimSpace(all.stdout), "\n")
	if all.code != 0 || rows[0] != strings.Join(exportColumns, ",") || len(rows)-1 != stats(t, store).Events {
		t.Fatalf("export: exit %d, %d rows, header %q; want every event", all.code, len(rows)-1, rows[0])
	}
	r := dyad(t, nil, "export", "--store", store, "--format", "jsonl", "--source", "RUS*", "--target", "SYR*", "--quad", "4", "--from", "2015-09-01", "--to", "2016-04-01")
	if r.code != 0 {
		t.Fatalf("filtered export: %+v", r)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) == 0 || lines[0] == "" {
		t.Fatal("no Russian material conflict against Syria between Sept 2015 and March 2016 in the samples")
	}
	for _, l := range lines {
		var ev struct {
			Source   schema.Actor `json:"source"`
			Target   schema.Actor `json:"target"`
			Quad     int          `json:"quad_class"`
			Date     time.Time    `json:"date"`
			FirstURL string       `json:"first_url"`
		}
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(ev.Source.Code, "RUS") || !strings.HasPrefix(ev.Target.Code, "SYR") || ev.Quad != 4 ||
			ev.Date.Before(time.Date(2015, 9, 1, 0, 0, 0, 0, time.UTC)) || !ev.Date.Before(time.Date(2016, 4, 1, 0, 0, 0, 0, time.UTC)) || ev.FirstURL == "" {
			t.Errorf("event outside the filter: %s", l)
		}
	}
	if r := dyad(t, nil, "export", "--store", store, "--quad", "7"); r.code != 1 || !strings.Contains(r.stderr, "want 1 to 4") {
		t.Errorf("bad quad: %+v", r)
	}
}

// TestMigrateToDgraph moves the sample corpus from SQLite to Dgraph and
// checks that nothing is lost and that a second run adds nothing.
func TestMigrateToDgraph(t *testing.T) {
	dgraphtest.Lock(t)
	dgraphtest.Open(t).Close()
	dg := "dgraph:" + dgraphtest.Addr(t)
	sq := "sqlite:" + filepath.Join(t.TempDir(), "from.db")
	if r := dyad(t, nil, "demo", "--no-serve", "--store", sq); r.code != 0 {
		t.Fatalf("demo: %+v", r)
	}
	for i := 0; i < 2; i++ {
		if r := dyad(t, nil, "migrate", "--from", sq, "--to", dg, "--page", "40"); r.code != 0 {
			t.Fatalf("migrate run %d: %+v", i+1, r)
		}
	}
	a, b := stats(t, sq), stats(t, dg)
	if a.Events != b.Events || a.Mentions != b.Mentions || a.Places != b.Places || b.Articles > a.Articles {
		t.Errorf("after migrating: sqlite %+v, dgraph %+v", a, b)
	}
	// The same answers: the export of both stores is identical.
	ea, eb := dyad(t, nil, "export", "--store", sq), dyad(t, nil, "export", "--store", dg)
	if ea.code != 0 || ea.stdout != eb.stdout {
		t.Errorf("exports differ between sqlite (%d bytes) and dgraph (%d bytes)", len(ea.stdout), len(eb.stdout))
	}
}

// TestWatchPollsAFeed serves a feed that grows between polls and checks
// that dyad watch ingests each item once.
func TestWatchPollsAFeed(t *testing.T) {
	var mu sync.Mutex
	items := 2
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n := items
		mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Levant Report</title>`)
		for i := 0; i < n; i++ {
			fmt.Fprintf(w, `<item><title>Item %d</title><link>https://levant.example/%d</link><pubDate>Wed, 30 Sep 2015 1%d:00:00 +0000</pubDate>
<description>Russian warplanes struck rebel positions near Aleppo on Wednesday, report %d said.</description></item>`, i, i, i, i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	defer srv.Close()
	store := "sqlite:" + filepath.Join(t.TempDir(), "watch.db")
	cmd := exec.Command(binary, "watch", "--interval", "200ms", "--store", store, srv.URL+"/feed")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor := func(n int) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			if articleCount(strings.TrimPrefix(store, "sqlite:")) == n {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("watch did not store %d articles in time:\n%s", n, errb.String())
	}
	waitFor(2)
	mu.Lock()
	items = 3
	mu.Unlock()
	waitFor(3)
	time.Sleep(500 * time.Millisecond) // more polls: nothing new
	cmd.Process.Signal(os.Interrupt)
	if err := cmd.Wait(); err != nil {
		t.Errorf("watch after SIGINT: %v\n%s", err, errb.String())
	}
	if st := stats(t, store); st.Articles != 3 {
		t.Errorf("stats after watching: %+v, want 3 articles", st)
	}
}

// TestServeIngestsPostedArticles posts articles to the ingestArticles
// mutation of a running dyad serve and finds their events in the store.
func TestServeIngestsPostedArticles(t *testing.T) {
	store := "sqlite:" + filepath.Join(t.TempDir(), "serve.db")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(binary, "serve", "--store", store, "--addr", addr, "--token", "s3cret")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", errb.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	mutation := `mutation { ingestArticles(articles: [
		{url: "https://wire.example/1", title: "Strikes", outlet: "Dyad Wire", published: "2015-09-30T12:00:00Z", text: "Russian warplanes bombed rebel positions near Latakia on Wednesday."},
		{url: "https://wire.example/2", published: "2015-10-01", text: "Le gouvernement a annoncé mardi de nouvelles mesures pour les agriculteurs touchés par la sécheresse."}
	]) { articles coded newEvents skipped } }`
	post := func() map[string]any {
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/graphql", strings.NewReader(fmt.Sprintf(`{"query": %q}`, mutation)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer s3cret")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		return out
	}
	first := post()
	got := fmt.Sprint(first["data"])
	if !strings.Contains(got, "articles:2 coded:1 newEvents:") || strings.Contains(got, "newEvents:0") || !strings.Contains(got, "not English") {
		t.Errorf("first post: %s\n%s", got, errb.String())
	}
	var newEvents int
	if d, ok := first["data"].(map[string]any); ok {
		if ia, ok := d["ingestArticles"].(map[string]any); ok {
			if n, ok := ia["newEvents"].(float64); ok {
				newEvents = int(n)
			}
		}
	}
	if again := fmt.Sprint(post()["data"]); !strings.Contains(again, "newEvents:0") {
		t.Errorf("posting again stored something new: %s", again)
	}
	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()
	if st := stats(t, store); st.Articles != 1 || st.Events != newEvents {
		t.Errorf("stats after the mutation: %+v, want the one English article and its %d events", st, newEvents)
	}
}

func TestExtractRulesOnly(t *testing.T) {
	in, err := os.ReadFile("../../ingest/coder/testdata/heldout10.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := func(args ...string) []string {
		r := dyad(t, in, args...)
		if r.code != 0 {
			t.Fatalf("dyad %v: %+v", args, r)
		}
		return strings.Split(strings.TrimSpace(r.stdout), "\n")
	}
	all, rules := lines("extract"), lines("extract", "-rules-only")
	fromRules := map[string]bool{}
	for _, l := range rules {
		if strings.Contains(l, `"model:`) {
			t.Fatalf("-rules-only gave a model event: %s", l)
		}
		fromRules[l] = true
	}
	// the model adds events, relabels or drops rule events, and leaves
	// the others exactly as the rules coded them
	fromModel, kept := 0, 0
	for _, l := range all {
		switch {
		case strings.Contains(l, `"model:`):
			fromModel++
		case !fromRules[l]:
			t.Errorf("an event neither the rules' nor the model's: %s", l)
		default:
			kept++
		}
	}
	if fromModel == 0 {
		t.Errorf("the default coder added no model events to %d events", len(all))
	}
	if kept > len(rules) || kept == 0 {
		t.Errorf("%d rule events kept of %d", kept, len(rules))
	}
}
