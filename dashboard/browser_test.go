package dashboard_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/dyadgraph/dyad/dashboard"
	"github.com/dyadgraph/dyad/ingest"
	"github.com/dyadgraph/dyad/ingest/coder"
	"github.com/dyadgraph/dyad/query"
	"github.com/dyadgraph/dyad/samples"
	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/sqlite"
)

// loadCorpus fills the store the browser test runs on with the sample
// corpus that ships with Dyad, coded by the real coder through the real
// ingest pipeline, as `dyad demo` does.
func loadCorpus(t *testing.T, s schema.Store) {
	t.Helper()
	c, err := coder.New(coder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := ingest.Run(context.Background(), ingest.Config{
		Store: s,
		Coder: ingest.DictionaryCoder{Coder: c},
		Read:  ingest.ReadOptions{Stdin: bytes.NewReader(samples.ArticlesJSONL())},
	}, []string{"-"})
	if err != nil || sum.NewEvents == 0 {
		t.Fatalf("ingesting the sample corpus: %v\n%s", err, sum)
	}
}

// chromium returns the browser to drive, skipping the test when there is
// none (failing in CI, where the browser must be installed).
func chromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv("DYAD_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		msg := fmt.Sprintf("browser test needs Chromium at %s (apt-get install -y chromium chromium-driver, or set DYAD_CHROMIUM): %v", path, err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}

// outputDir is where screenshots go: $DYAD_TEST_OUTPUT, else
// <repo>/testout/dashboard (git-ignored).
func outputDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("DYAD_TEST_OUTPUT")
	if dir == "" {
		dir = filepath.Join("..", "testout", "dashboard")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// corpusSentences returns the sentences of every report of the events
// from one selector to another, in both directions.
func corpusSentences(t *testing.T, s schema.Store, a, b string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, dir := range [][2]string{{a, b}, {b, a}} {
		after := ""
		for {
			page, err := s.Events(context.Background(), schema.EventFilter{Sources: []string{dir[0]}, Targets: []string{dir[1]}}, schema.PageRequest{First: 500, After: after})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range page.Events {
				for _, m := range e.Mentions {
					out[strings.TrimSpace(m.Sentence)] = true
				}
			}
			if !page.HasNext || len(page.Cursors) == 0 {
				break
			}
			after = page.Cursors[len(page.Cursors)-1]
		}
	}
	return out
}

type browser struct {
	t      *testing.T
	ctx    context.Context
	base   string
	outDir string

	mu      sync.Mutex
	console []string
}

// do runs actions with a timeout; on failure it saves a screenshot and
// stops the test.
func (b *browser) do(name string, d time.Duration, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, d)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.failShot(name)
		b.t.Fatalf("%s: %v", name, err)
	}
}

func eval[T any](b *browser, name, js string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.failShot(name)
		b.t.Fatalf("%s: %v", name, err)
	}
	return v
}

// waitJS waits until a JavaScript expression is truthy.
func (b *browser) waitJS(name, expr string, d time.Duration) {
	b.t.Helper()
	b.do(name, d+time.Second, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(d), chromedp.WithPollingInterval(50*time.Millisecond))(ctx, t)
		return err
	}))
}

// ready waits until every selector's element exists with data-state=ready.
func (b *browser) ready(name string, selectors ...string) {
	b.t.Helper()
	var conds []string
	for _, s := range selectors {
		conds = append(conds, fmt.Sprintf(`(document.querySelector(%q) || {}).dataset?.state === "ready"`, s))
	}
	b.waitJS(name, strings.Join(conds, " && "), 20*time.Second)
}

func (b *browser) screenshot(name string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(b.outDir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s: %s", name, path)
	return path
}

// media emulates a CSS media type ("print"; "" for the screen).
func (b *browser) media(m string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m}); err != nil {
		b.t.Fatalf("emulate media %q: %v", m, err)
	}
}

func (b *browser) failShot(name string) {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	if buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		path := filepath.Join(b.outDir, "failure-"+strings.NewReplacer(" ", "-", "/", "-").Replace(name)+".png")
		if os.WriteFile(path, buf, 0o644) == nil {
			b.t.Logf("screenshot of the failure: %s", path)
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.console {
		b.t.Logf("browser console: %s", m)
	}
}

// noErrors checks that the page shows no API error banner.
func (b *browser) noErrors(where string) {
	b.t.Helper()
	if msg := eval[string](b, "read error banner", `[...document.querySelectorAll('#errors .banner, [data-state="error"]')].map(e => e.textContent).join(" | ")`); msg != "" {
		b.failShot(where)
		b.t.Fatalf("%s: the page shows errors: %s", where, msg)
	}
}

// pick types text in a combobox and chooses the option with the given value
// with the keyboard (ArrowDown to it, then Enter).
func (b *browser) pick(id, text, value string) {
	b.t.Helper()
	input := chromedp.ID(id)
	b.do("type in "+id, 10*time.Second, chromedp.Click(input), chromedp.SendKeys(input, text))
	opt := fmt.Sprintf(`#%s-list li[data-value=%q]`, id, value)
	b.waitJS("suggestion "+value, fmt.Sprintf(`document.querySelector(%q) && !document.getElementById(%q).hidden`, opt, id+"-list"), 15*time.Second)
	idx := eval[int](b, "option index", fmt.Sprintf(`[...document.querySelectorAll('#%s-list li')].findIndex(li => li.dataset.value === %q)`, id, value))
	for i := 0; i <= idx; i++ {
		b.do("arrow down", 5*time.Second, chromedp.SendKeys(input, kb.ArrowDown))
	}
	active := eval[string](b, "active option", fmt.Sprintf(`(() => { const id = document.getElementById(%q).getAttribute('aria-activedescendant'); return id ? document.getElementById(id).dataset.value : ''; })()`, id))
	if active != value {
		b.failShot("pick " + value)
		b.t.Fatalf("combobox %s: aria-activedescendant is %q after %d ArrowDown, want %q", id, active, idx+1, value)
	}
}

func TestDashboardInBrowser(t *testing.T) {
	exe := chromium(t)
	out := outputDir(t)

	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "dashboard.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	loadCorpus(t, store)
	srv, err := query.New(query.Config{Store: store, Dashboard: dashboard.FS()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)

	// The whole test is bounded; each step has its own, shorter timeout.
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	t.Cleanup(cancel)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 1000),
	)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelBrowser)

	b := &browser{t: t, ctx: bctx, base: ts.URL, outDir: out}
	start := make(chan error, 1)
	go func() { start <- chromedp.Do(bctx) }()
	select {
	case err := <-start:
		if err != nil {
			t.Fatalf("starting %s: %v", exe, err)
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("starting %s: no answer in 60s", exe)
	}
	messages := chromedp.Console(bctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || m.Type == chromedp.ConsoleWarning {
				b.mu.Lock()
				b.console = append(b.console, m.String())
				b.mu.Unlock()
			}
		}
	}()

	// Home: stats, most active actors, then search "Russia" and choose the
	// Russian family with the keyboard.
	b.do("open home", 30*time.Second,
		chromedp.EmulateViewport(1440, 1000),
		chromedp.Navigate(ts.URL+"/"))
	b.ready("home loads", "#stats", "#top-actors .card-body")
	b.noErrors("home")
	b.pick("home-search", "Russia", "RUS*")
	b.screenshot("home")
	b.do("open the Russian family", 10*time.Second, chromedp.SendKeys(chromedp.ID("home-search"), kb.Enter))
	b.waitJS("actor route", `location.hash === "#/actor/RUS*"`, 10*time.Second)

	// Actor page.
	b.ready("actor page loads", "#supporters .card-body", "#opponents .card-body", "#summary .card-body", "#activity .card-body", "#events .events-wrap")
	b.noErrors("actor page")
	if n := eval[int](b, "supporter rows", `document.querySelectorAll('#supporters tbody tr, #opponents tbody tr').length`); n == 0 {
		t.Errorf("actor page: no supporters or opponents of RUS*")
	}
	if title := eval[string](b, "actor title", `document.querySelector('h1').textContent`); strings.TrimSpace(title) == "" || title == "RUS*" {
		t.Errorf("actor page title = %q, want the family's name", title)
	}
	b.screenshot("actor")

	// Dyad: from the actor page, compare with Syria.
	b.pick("compare-with", "Syria", "SYR*")
	b.do("open the dyad", 10*time.Second, chromedp.SendKeys(chromedp.ID("compare-with"), kb.Enter))
	b.waitJS("dyad route", `location.hash === "#/dyad/RUS*/SYR*"`, 10*time.Second)
	b.ready("dyad page loads", "#relations .card-body", "#timeline .card-body", "#events .events-wrap")
	b.noErrors("dyad page")
	bars := eval[int](b, "timeline bars", `[...document.querySelectorAll('#timeline svg.timeline rect.bar')].filter(r => parseFloat(r.getAttribute('height')) > 0 && r.getBBox().height > 0).length`)
	if bars == 0 {
		t.Errorf("dyad timeline: no bar with a height")
	}
	if got := eval[string](b, "timeline title", `document.querySelector('#timeline svg.timeline > title').textContent`); got == "" {
		t.Errorf("dyad timeline: the SVG has no <title>")
	}
	shown := eval[[]string](b, "event sentences", `[...document.querySelectorAll('#events blockquote.sentence')].map(q => q.textContent.trim())`)
	want := corpusSentences(t, store, "RUS*", "SYR*")
	found := 0
	for _, s := range shown {
		if want[s] {
			found++
		}
	}
	if found == 0 {
		t.Errorf("dyad events table shows %d sentences, none of them from the corpus (%d candidate sentences): %q", len(shown), len(want), shown)
	}
	if n := eval[int](b, "provenance links", `document.querySelectorAll('#events a.article-link[href^="http"]').length`); n == 0 {
		t.Errorf("dyad events table: no link to an article")
	}
	b.screenshot("dyad")
	b.media("print")
	b.screenshot("dyad-print")
	b.media("")

	// The bucket control changes the URL and redraws the timeline.
	b.do("choose YEAR", 10*time.Second, chromedp.Click(chromedp.ID("bucket-YEAR")))
	b.waitJS("bucket in URL", `location.hash.includes("bucket=YEAR")`, 10*time.Second)
	// The old chart stays until the view re-renders: wait for the new one.
	b.waitJS("yearly timeline", `document.querySelector('#timeline .card-body[data-state="ready"] figure[data-bucket="YEAR"]')`, 20*time.Second)
	if bars := eval[int](b, "yearly bars", `document.querySelectorAll('#timeline svg.timeline rect.bar').length`); bars == 0 {
		t.Errorf("yearly timeline: no bars")
	}

	// Network: follow the link from the dyad page.
	b.do("open the network", 10*time.Second, chromedp.Click(chromedp.CSS(`.page-actions a[href^="#/network/RUS*"]`)))
	b.waitJS("network route", `location.hash.startsWith("#/network/RUS*")`, 10*time.Second)
	b.ready("network loads", "#network .card-body", "#links .card-body")
	b.noErrors("network page")
	nodes := eval[int](b, "network nodes", `document.querySelectorAll('#network svg.network .node circle').length`)
	edges := eval[int](b, "network edges", `document.querySelectorAll('#network svg.network path.edge').length`)
	if nodes < 2 || edges < 1 {
		t.Errorf("network of RUS*: %d nodes and %d edges drawn, want at least 2 and 1", nodes, edges)
	}
	b.screenshot("network")

	// A node is a link to its actor page, reachable with the keyboard.
	code := eval[string](b, "a node", `(() => { const n = document.querySelector('#network .node:not(.node-centre)'); n.focus(); return document.activeElement === n ? n.dataset.code : ''; })()`)
	if code == "" {
		b.failShot("focus a node")
		t.Fatal("network: a node cannot take the keyboard focus")
	}
	b.do("open a node with Enter", 10*time.Second, chromedp.KeyEvent(kb.Enter))
	b.waitJS("node opens its actor", fmt.Sprintf(`location.hash === "#/actor/%s"`, code), 10*time.Second)
	b.ready("node's actor page", "#supporters .card-body")

	// Deep links: the date range is in the URL, shown in the header and
	// respected by the events table.
	b.do("deep link", 20*time.Second, chromedp.Navigate(ts.URL+"/#/dyad/RUS*/SYR*?from=2015-10-01&to=2015-11-01&bucket=DAY"))
	b.ready("ranged dyad", "#relations .card-body", "#timeline .card-body", "#events .events-wrap")
	b.noErrors("ranged dyad")
	if from := eval[string](b, "range input", `document.getElementById('range-from').value`); from != "2015-10-01" {
		t.Errorf("date range from the URL: the From field shows %q", from)
	}
	days := eval[[]string](b, "event days", `[...document.querySelectorAll('#events time')].map(t => t.getAttribute('datetime'))`)
	for _, d := range days {
		if d < "2015-10-01" || d >= "2015-11-01" {
			t.Errorf("ranged dyad shows an event of %s, outside 2015-10-01..2015-11-01", d)
		}
	}
	b.do("network deep link", 20*time.Second, chromedp.Navigate(ts.URL+"/#/network/SYRGOV?hops=2"))
	b.ready("network of SYRGOV", "#network .card-body")
	if hops := eval[int](b, "outer ring", `Math.max(...[...document.querySelectorAll('#network .node')].map(n => +n.dataset.hops))`); hops != 2 {
		t.Logf("network of SYRGOV, 2 hops: the farthest node is %d hops away", hops)
	}
	b.screenshot("network-syrgov-2hops")

	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.console {
		t.Errorf("browser console: %s", m)
	}
}
