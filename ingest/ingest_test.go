package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/sqlite"
)

// fakeCoder emits one event per paragraph that names two of its actors,
// so pipeline tests do not depend on the real coder's judgement.
type fakeCoder struct{ calls atomic.Int64 }

var fakeActors = map[string]string{"Russia": "RUS", "Syria": "SYR", "Turkey": "TUR", "Iran": "IRN"}

func (c *fakeCoder) Code(ctx context.Context, d Document) ([]schema.Event, string, error) {
	c.calls.Add(1)
	if strings.Contains(d.Text, "football") {
		return nil, "not political", nil
	}
	var out []schema.Event
	for i, para := range strings.Split(d.Text, "\n\n") {
		var found []string
		for _, w := range strings.Fields(para) {
			if code, ok := fakeActors[strings.Trim(w, ".,")]; ok {
				found = append(found, code)
			}
		}
		if len(found) < 2 {
			continue
		}
		out = append(out, schema.Event{
			Source: schema.Actor{Code: found[0]}, Target: schema.Actor{Code: found[1]},
			Code: "190", Date: d.Published,
			Mentions: []schema.Mention{{ArticleID: d.ID, SentenceIndex: i, Sentence: para}},
		})
	}
	return out, "", nil
}

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ingest.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// readAll collects what reading one input yields.
func readAll(t *testing.T, input string, opt ReadOptions) []Item {
	t.Helper()
	var items []Item
	if err := Read(context.Background(), input, opt, func(it Item) error { items = append(items, it); return nil }); err != nil {
		t.Fatalf("Read(%s): %v", input, err)
	}
	return items
}

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Levant Report</title><link>https://levant.example/</link>
<item><title>Strikes near Latakia</title><link>https://levant.example/a?utm_source=rss</link>
<pubDate>Wed, 30 Sep 2015 14:00:00 +0000</pubDate>
<description><![CDATA[<p>Russia struck Syria rebels.</p><p>More follows.</p>]]></description></item>
<item><title>No date</title><link>https://levant.example/b</link><description>Turkey and Iran met.</description></item>
<item><title>Empty</title><link>https://levant.example/c</link><pubDate>Wed, 30 Sep 2015 15:00:00 +0000</pubDate></item>
</channel></rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Pacific Ledger</title>
<entry><title>Talks</title><link href="https://pacific.example/talks"/><id>urn:1</id>
<updated>2015-07-14T09:00:00Z</updated><content type="html">&lt;p&gt;Iran and Turkey agreed.&lt;/p&gt;</content></entry>
</feed>`

const htmlPage = `<!doctype html><html><head><title>Russia and Syria - Continental Post</title>
<meta property="article:published_time" content="2015-10-01T08:30:00Z">
<meta property="og:site_name" content="Continental Post"></head>
<body><nav>Home | World | Markets</nav><article><h1>Russia and Syria</h1>
<p>Russia sent aircraft to Syria on Wednesday, officials said, in the largest deployment of the war so far this year.</p>
<p>Turkey criticised the move and Iran welcomed it, according to statements issued in both capitals on Thursday.</p>
<p>Analysts said the deployment would change the balance on the ground in the coming months.</p></article>
<footer>Copyright</footer></body></html>`

func TestReadSources(t *testing.T) {
	dir := t.TempDir()
	latin1 := append([]byte(`<html><head><meta charset="iso-8859-1"><title>Caf`+"\xe9"+`</title></head><body><article><p>`),
		[]byte(strings.Repeat("Russia and Syria held talks at the caf\xe9 in Damascus on Monday afternoon. ", 6)+"</p></article></body></html>")...)
	tests := []struct {
		name, file, content string
		want                []string // per item: "doc:<title>|<published>|<outlet>", "skip:<reason prefix>", "err:<text>"
	}{
		{"text with headers", "a.txt", "Title: Talks\nDate: 2015-10-01\nOutlet: Dyad Wire\n\nRussia and Syria met.\n\nMore.", []string{"doc:Talks|2015-10-01T00:00:00Z|Dyad Wire"}},
		{"empty text", "empty.txt", "  \n ", []string{"skip:empty"}},
		{"text with bad date", "bad.txt", "Date: someday\n\nRussia and Syria met.", []string{"err:header Date"}},
		{"not UTF-8 text", "latin.txt", "Date: 2015-10-01\n\nCaf\xe9 Russia Syria", []string{"skip:not UTF-8"}},
		{"jsonl with a bad line", "b.jsonl", `{"id":"1","url":"https://x.example/1","title":"One","outlet":"O","published":"2015-10-01","text":"Russia and Syria."}
{"id":"2", "title": broken
{"id":"3","title":"No date","text":"Russia and Syria."}
{"id":"4","title":"Empty","published":"2015-10-02","text":"  "}
{"id":"5","title":"HTML","published":"2015-10-03T10:00:00Z","html":"<html><body><article><p>` + strings.Repeat("Turkey and Iran signed an accord in Ankara on Friday after talks. ", 5) + `</p></article></body></html>"}
`, []string{"doc:One|2015-10-01T00:00:00Z|O", "err:b.jsonl:2: malformed JSON", "err:published: missing", "skip:empty", "doc:HTML|2015-10-03T10:00:00Z|"}},
		{"json array", "c.json", `[{"title":"A","published":"2015-10-01","text":"Russia and Syria."},{"title":"B"}]`, []string{"doc:A|2015-10-01T00:00:00Z|", "err:published: missing"}},
		{"rss", "f.rss", rssFeed, []string{"doc:Strikes near Latakia|2015-09-30T14:00:00Z|Levant Report", "err:has no publication date", "skip:empty"}},
		{"atom", "f.atom", atomFeed, []string{"doc:Talks|2015-07-14T09:00:00Z|Pacific Ledger"}},
		{"malformed feed", "bad.xml", "<rss><channel><item>", []string{"err:malformed feed"}},
		{"html", "p.html", htmlPage, []string{"doc:Russia and Syria - Continental Post|2015-10-01T08:30:00Z|Continental Post"}},
		{"html without text", "blank.html", "<html><head><title>x</title></head><body><script>var a=1;</script></body></html>", []string{"skip:no article text"}},
		{"html in unknown encoding", "enc.html", `<html><head><meta charset="x-martian"></head><body><p>Russia Syria</p></body></html>`, []string{"skip:unknown encoding"}},
		{"html in declared latin-1", "l1.html", string(latin1), []string{"doc:Café|"}},
	}
	for _, tt := range tests {
		p := write(t, dir, tt.file, tt.content)
		items := readAll(t, p, ReadOptions{})
		if len(items) != len(tt.want) {
			t.Errorf("%s: %d items %+v, want %d", tt.name, len(items), items, len(tt.want))
			continue
		}
		for i, it := range items {
			var got string
			switch {
			case it.Doc != nil:
				got = fmt.Sprintf("doc:%s|%s|%s", it.Doc.Title, it.Doc.Published.Format(time.RFC3339), it.Doc.Outlet)
				if it.Doc.ID == "" || it.Doc.Text == "" {
					t.Errorf("%s item %d: no ID or text: %+v", tt.name, i, it.Doc)
				}
			case it.Skip != "":
				got = "skip:" + it.Skip
			case it.Err != nil:
				got = "err:" + it.Origin + ": " + it.Err.Error()
			}
			want := tt.want[i]
			if strings.HasPrefix(want, "doc:") && strings.HasSuffix(want, "|") {
				if !strings.HasPrefix(got, want) {
					t.Errorf("%s item %d = %q, want prefix %q", tt.name, i, got, want)
				}
				continue
			}
			if !strings.HasPrefix(got, want) && !strings.Contains(got, strings.TrimPrefix(strings.TrimPrefix(want, "err:"), "skip:")) {
				t.Errorf("%s item %d = %q, want %q", tt.name, i, got, want)
			}
		}
	}
}

func TestReadOversizedAndDirectory(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "big.txt", "Date: 2015-10-01\n\n"+strings.Repeat("Russia and Syria. ", 1000))
	items := readAll(t, filepath.Join(dir, "big.txt"), ReadOptions{MaxBytes: 1000})
	if len(items) != 1 || !strings.HasPrefix(items[0].Skip, "oversized") {
		t.Errorf("oversized file: %+v", items)
	}
	tree := t.TempDir()
	write(t, tree, "one.txt", "Date: 2015-10-01\n\nRussia and Syria met.")
	write(t, tree, "sub/two.html", htmlPage)
	write(t, tree, "sub/deeper/three.jsonl", `{"title":"3","published":"2015-10-01","text":"Iran and Turkey."}`)
	write(t, tree, "sub/ignored.png", "binary")
	write(t, tree, ".hidden/four.txt", "Date: 2015-10-01\n\nRussia and Syria.")
	items = readAll(t, tree, ReadOptions{})
	if len(items) != 3 {
		t.Errorf("directory: %d items, want 3 (txt, html, jsonl; hidden and unknown files left out)", len(items))
	}
	items = readAll(t, "-", ReadOptions{Stdin: strings.NewReader(`{"title":"in","published":"2015-10-01","text":"Russia and Syria."}`)})
	if len(items) != 1 || items[0].Doc == nil || items[0].Doc.Title != "in" {
		t.Errorf("stdin JSONL: %+v", items)
	}
}

func TestReadURLs(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") == "" {
			t.Error("no User-Agent")
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, htmlPage)
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rssFeed)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, strings.Repeat("<p>x</p>", 10000))
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := NewFetcher(FetchOptions{MaxBytes: 50000, Timeout: 500 * time.Millisecond})
	opt := ReadOptions{Fetcher: f}
	if items := readAll(t, srv.URL+"/page", opt); len(items) != 1 || items[0].Doc == nil || items[0].Doc.URL != srv.URL+"/page" {
		t.Errorf("page: %+v", items)
	}
	if items := readAll(t, srv.URL+"/feed", opt); len(items) != 3 || items[0].Doc == nil {
		t.Errorf("feed: %+v", items)
	}
	if items := readAll(t, srv.URL+"/feed", opt); len(items) != 0 {
		t.Errorf("unchanged feed polled again: %d items, want none (304)", len(items))
	}
	for path, want := range map[string]string{"/huge": "oversized", "/gone": "410", "/slow": "fetch"} {
		items := readAll(t, srv.URL+path, opt)
		if len(items) != 1 || !strings.Contains(items[0].Skip+fmt.Sprint(items[0].Err), want) {
			t.Errorf("%s: %+v, want %q", path, items, want)
		}
	}
}

func TestCanonicalURLAndIDs(t *testing.T) {
	same := []string{
		"https://News.example.com/a/b/?utm_source=x&id=2&fbclid=abc#top",
		"https://news.example.com:443/a/b?id=2",
		"HTTPS://news.example.com/a/b?id=2&utm_medium=rss",
	}
	want := CanonicalURL(same[0])
	if want != "https://news.example.com/a/b?id=2" {
		t.Errorf("CanonicalURL = %q", want)
	}
	for _, u := range same {
		if ArticleID(u, "", "") != ArticleID(same[0], "", "") {
			t.Errorf("%s has another ID", u)
		}
	}
	if ArticleID("", "", "Russia  and\nSyria") != ArticleID("", "", "Russia and Syria") {
		t.Error("text hash depends on white space")
	}
	if ArticleID("", "given", "x") != "given" || CanonicalURL("ftp://x/y") != "" {
		t.Error("given IDs and non-http URLs")
	}
}

func corpus(t *testing.T, n int) string {
	t.Helper()
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `{"url":"https://wire.example/%d","title":"Report %d","outlet":"Outlet %d","published":"2015-10-%02dT10:00:00Z","text":"Russia attacked Syria rebels.\n\nTurkey criticised Russia.\n\nNo actors here."}`+"\n", i, i, i%3, 1+i%28)
	}
	b.WriteString(`{"broken` + "\n")
	b.WriteString(`{"url":"https://wire.example/football","published":"2015-10-01","text":"A football match."}` + "\n")
	return write(t, t.TempDir(), "corpus.jsonl", b.String())
}

func TestRunIsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	path := corpus(t, 50)
	c := &fakeCoder{}
	cfg := Config{Store: s, Coder: c, BatchArticles: 7}
	sum, err := Run(ctx, cfg, []string{path})
	if !errors.Is(err, ErrFailures) || sum.Failed != 1 || !strings.Contains(sum.Failures[0], "corpus.jsonl:51") {
		t.Fatalf("first run: %v, %+v; want one failure at line 51", err, sum)
	}
	if sum.Read != 52 || sum.Coded != 50 || sum.Skipped["not political"] != 1 || sum.Events != 100 || sum.NewArticles != 50 {
		t.Errorf("first run summary: %+v", sum)
	}
	first, _ := s.Stats(ctx)
	sum2, _ := Run(ctx, cfg, []string{path})
	second, _ := s.Stats(ctx)
	if first != second {
		t.Errorf("stats after second run %+v, first %+v", second, first)
	}
	if sum2.AlreadyStored != 50 || sum2.Coded != 0 || c.calls.Load() != 52 { // the skipped football report is coded again
		t.Errorf("second run: %+v with %d coder calls; want every article recognised as stored", sum2, c.calls.Load())
	}
	cfg.Recode = true
	sum3, _ := Run(ctx, cfg, []string{path})
	if third, _ := s.Stats(ctx); third != first || sum3.NewEvents != 0 || sum3.Coded != 50 {
		t.Errorf("recoding: %+v, stats %+v; want nothing new", sum3, third)
	}
}

// flakyStore fails writes while down is set, like a Dgraph that went away.
type flakyStore struct {
	schema.Store
	failures atomic.Int64
}

func (f *flakyStore) Write(ctx context.Context, b schema.Batch) (schema.WriteResult, error) {
	if f.failures.Add(-1) >= 0 {
		return schema.WriteResult{}, errors.New("connection refused")
	}
	return f.Store.Write(ctx, b)
}

func TestRunRetriesAFailingStore(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	fs := &flakyStore{Store: s}
	fs.failures.Store(3)
	sum, err := Run(ctx, Config{Store: fs, Coder: &fakeCoder{}, BatchArticles: 10}, []string{corpus(t, 30)})
	if sum.Failed != 1 || sum.Coded != 30 || sum.NewArticles != 30 {
		t.Errorf("with a store failing 3 times: %v %+v; want all 30 stored and only the bad line failed", err, sum)
	}
	// A store that stays down: documents fail after RetryFor, reported.
	fs.failures.Store(1 << 40)
	s2 := openStore(t)
	fs2 := &flakyStore{Store: s2}
	fs2.failures.Store(1 << 40)
	sum, err = Run(ctx, Config{Store: fs2, Coder: &fakeCoder{}, RetryFor: 300 * time.Millisecond}, []string{corpus(t, 5)})
	if !errors.Is(err, ErrFailures) || sum.Failed != 6 || !strings.Contains(strings.Join(sum.Failures, "\n"), "store unavailable") {
		t.Errorf("store down: %v %+v", err, sum)
	}
}

func TestRunStopsGracefullyAndResumes(t *testing.T) {
	s := openStore(t)
	path := corpus(t, 200)
	ctx, cancel := context.WithCancel(context.Background())
	slow := &slowCoder{fakeCoder: &fakeCoder{}, cancelAfter: 40, cancel: cancel}
	sum, _ := Run(ctx, Config{Store: s, Coder: slow, Workers: 2, BatchArticles: 1000, FlushInterval: time.Hour}, []string{path})
	if sum.Coded == 0 || sum.Coded >= 200 {
		t.Fatalf("interrupted run stored %d articles; want some, not all", sum.Coded)
	}
	// Everything coded before the stop was flushed.
	if st, _ := s.Stats(context.Background()); st.Articles != sum.Coded {
		t.Errorf("stored %d articles, summary says %d coded", st.Articles, sum.Coded)
	}
	if _, err := Run(context.Background(), Config{Store: s, Coder: &fakeCoder{}}, []string{path}); !errors.Is(err, ErrFailures) {
		t.Fatalf("resume: %v", err)
	}
	clean := openStore(t)
	Run(context.Background(), Config{Store: clean, Coder: &fakeCoder{}}, []string{path})
	got, _ := s.Stats(context.Background())
	want, _ := clean.Stats(context.Background())
	if got != want {
		t.Errorf("interrupted then resumed: %+v; uninterrupted: %+v", got, want)
	}
}

type slowCoder struct {
	*fakeCoder
	cancelAfter int64
	cancel      func()
}

func (c *slowCoder) Code(ctx context.Context, d Document) ([]schema.Event, string, error) {
	if c.calls.Load() == c.cancelAfter {
		c.cancel()
	}
	return c.fakeCoder.Code(ctx, d)
}
