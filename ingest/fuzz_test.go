package ingest

import (
	"bytes"
	"context"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzz targets for the readers: JSON Lines, HTML, feeds, plain text and
// URL canonicalisation. Each checks what the pipeline relies on, not just
// that nothing panics: an Item is exactly one of a document, a skip or an
// error; a document has an ID, non-empty trimmed UTF-8 text and a
// publication time; skips and errors say where they come from.
// Seeds are added below and live in testdata/fuzz/<FuzzName>. Run one with
//
//	go test ./ingest -run '^$' -fuzz '^FuzzJSONL$' -fuzztime 1m
//
// or all of them with scripts/fuzz.sh.

// fuzzPub is the fallback publication time the fuzz targets pass.
var fuzzPub = time.Date(2015, 10, 1, 8, 30, 0, 0, time.UTC)

// fuzzMaxInput bounds the inputs the slow readers (go-readability, gofeed)
// are given, so an iteration stays fast; larger inputs add nothing but time.
const fuzzMaxInput = 64 << 10

// checkItem asserts the invariants every reader's Item keeps.
func checkItem(t *testing.T, it Item) {
	t.Helper()
	set := 0
	if it.Doc != nil {
		set++
	}
	if it.Skip != "" {
		set++
	}
	if it.Err != nil {
		set++
	}
	if set != 1 {
		t.Fatalf("item %q has %d of Doc/Skip/Err set, want exactly 1: %+v", it.Origin, set, it)
	}
	if it.Origin == "" {
		t.Errorf("item without an origin: %+v", it)
	}
	if it.Err != nil && it.Err.Error() == "" {
		t.Errorf("%s: error with an empty message", it.Origin)
	}
	if it.Doc != nil {
		if it.Doc.Origin != it.Origin {
			t.Errorf("document origin %q differs from the item's %q", it.Doc.Origin, it.Origin)
		}
		checkDoc(t, it.Doc)
	}
}

// checkDoc asserts what the coder and the store need from a document.
func checkDoc(t *testing.T, d *Document) {
	t.Helper()
	if d.ID == "" {
		t.Errorf("document without an ID: %+v", d)
	}
	if d.Text == "" {
		t.Errorf("document without text: %+v", d)
	}
	if !utf8.ValidString(d.Text) {
		t.Errorf("document text is not valid UTF-8: %q", d.Text)
	}
	if strings.TrimSpace(d.Text) != d.Text {
		t.Errorf("document text is not trimmed: %q", d.Text)
	}
	if d.Published.IsZero() {
		t.Errorf("document %s without a publication time", d.ID)
	}
	// The ID comes from the canonical URL whenever there is one, so an
	// article read twice from different sources gets one ID.
	if CanonicalURL(d.URL) != "" && d.ID != ArticleID(d.URL, "", "") {
		t.Errorf("document with URL %q has ID %q, want %q", d.URL, d.ID, ArticleID(d.URL, "", ""))
	}
}

var (
	jsonlLineOrigin  = regexp.MustCompile(`^fuzz\.jsonl:([0-9]+)$`)
	jsonlIndexOrigin = regexp.MustCompile(`^fuzz\.jsonl\[([0-9]+)\]$`)
)

func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		``,
		`{"id": "a1", "url": "https://x.example/a?utm_source=rss", "title": "T", "outlet": "O", "published": "2015-10-01T08:30:00Z", "text": "Russia struck Syria."}`,
		"# comment\n\n{\"published\": \"2015-10-01\", \"text\": \"one\"}\n{\"date\": \"Oct. 1, 2015\", \"text\": \"two\"}\r\n",
		`{"published": "2015-10-01", "html": "<html><body><article><p>Russia sent aircraft to Syria on Wednesday, officials said, in the largest deployment.</p></article></body></html>"}`,
		`[{"published": "20151001", "text": "a"}, {"published": "yesterday", "text": "b"}, 3, {"text": "c"}]`,
		`[{"published": "2015-10-01", "text": "a"`,
		`{"published": "2015-10-01", "text": "   "}`,
		`{"published": "2015-10-01", "text": 5}`,
		`{"published": "Thu, 01 Oct 2015 08:30:00 +0000", "text": "\u00e9\ud800"}`,
		"{\"published\": \"2015-10-01\", \"text\": \"\xff\xfe\"}",
		"{\"published\": \"2015-10-01\", \"text\": \"x\"}\n" + strings.Repeat("a", 2000) + "\n{\"published\": \"2015-10-01\", \"text\": \"y\"}",
		`{"published": "1 October 2015", "text": "x"} trailing`,
		`not json at all`,
		"   \n\t[ ]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Small documents, so the line-length cap is exercised.
		opt := ReadOptions{MaxBytes: 1 << 10}
		read := func() []Item {
			var items []Item
			if err := readJSONL(context.Background(), "fuzz.jsonl", bytes.NewReader(data), opt, func(it Item) error {
				items = append(items, it)
				return nil
			}); err != nil {
				t.Fatalf("readJSONL returned %v; failures must be items", err)
			}
			return items
		}
		items := read()
		lines := bytes.Count(data, []byte("\n")) + 1
		lastLine, lastIndex := 0, -1
		for _, it := range items {
			checkItem(t, it)
			// Origins say which line (JSONL) or element (array) an item is.
			if m := jsonlLineOrigin.FindStringSubmatch(it.Origin); m != nil {
				n, _ := strconv.Atoi(m[1])
				if n <= lastLine || n > lines+1 {
					t.Errorf("origin %q: line %d after line %d in %d lines", it.Origin, n, lastLine, lines)
				}
				lastLine = n
				continue
			}
			if m := jsonlIndexOrigin.FindStringSubmatch(it.Origin); m != nil {
				n, _ := strconv.Atoi(m[1])
				if n != lastIndex+1 {
					t.Errorf("origin %q after element %d", it.Origin, lastIndex)
				}
				lastIndex = n
				continue
			}
			// The one item without a position: a JSON array that does not
			// parse, reported once for the whole input.
			if it.Origin != "fuzz.jsonl" || it.Err == nil || !strings.HasPrefix(it.Err.Error(), "malformed JSON array") || len(items) != 1 {
				t.Errorf("item without a line number or element index: %+v", it)
			}
		}
		// Reading is deterministic: the same input gives the same items
		// (and so the same IDs).
		again := read()
		if len(again) != len(items) {
			t.Fatalf("read twice: %d items, then %d", len(items), len(again))
		}
		for i := range items {
			if !reflect.DeepEqual(items[i].Doc, again[i].Doc) || items[i].Skip != again[i].Skip || items[i].Origin != again[i].Origin {
				t.Errorf("read twice, item %d differs: %+v, then %+v", i, items[i], again[i])
			}
		}
	})
}

const fuzzHTMLPage = `<!doctype html><html><head><title>Russia and Syria - Continental Post</title>
<meta property="article:published_time" content="2015-10-01T08:30:00Z">
<meta property="og:site_name" content="Continental Post"></head>
<body><nav>Home | World | Markets</nav><article><h1>Russia and Syria</h1>
<p>Russia sent aircraft to Syria on Wednesday, officials said, in the largest deployment of the war so far this year.</p>
<p>Turkey criticised the move and Iran welcomed it, according to statements issued in both capitals on Thursday.</p></article>
<footer>Copyright</footer></body></html>`

func FuzzHTML(f *testing.F) {
	for _, s := range []struct{ page, contentType string }{
		{fuzzHTMLPage, ""},
		{fuzzHTMLPage, "text/html; charset=utf-8"},
		{"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><article><p>Le caf\xe9 de Damas a ferm\xe9 ses portes apr\xe8s les frappes a\xe9riennes de mercredi matin.</p></article></body></html>", ""},
		{`<html><head><meta http-equiv="Content-Type" content="text/html; charset=shift_jis"></head><body><p>x</p></body></html>`, ""},
		{`<html><head><meta charset="x-no-such-charset"></head><body><p>text</p></body></html>`, ""},
		{`<p>Russia struck Syria.</p>`, "text/html; charset=klingon"},
		{`<html><body><script>var x = "<p>not text</p>";</script></body></html>`, ""},
		{`<html><head><meta property="article:published_time" content="0001-01-01T00:00:00Z"></head><body><article><p>Russia sent aircraft to Syria on Wednesday, officials said, in the largest deployment of the war so far.</p></article></body></html>`, ""},
		{"", ""},
		{"\xef\xbb\xbf<p>\x00\xff</p>", ""},
		{strings.Repeat("<div>", 300) + "deep" + strings.Repeat("</div>", 300), ""},
	} {
		f.Add([]byte(s.page), s.contentType)
	}
	f.Fuzz(func(t *testing.T, page []byte, contentType string) {
		if len(page) > fuzzMaxInput {
			return
		}
		doc, skip, err := htmlDocument(page, contentType, "", fuzzPub)
		if doc != nil {
			doc.Origin = "fuzz.html"
		}
		checkItem(t, item("fuzz.html", doc, skip, err))
	})
}

const fuzzAtom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Pacific Ledger</title>
<entry><title>Talks</title><link href="https://pacific.example/talks"/><id>urn:1</id>
<updated>2015-07-14T09:00:00Z</updated><content type="html">&lt;p&gt;Iran and Turkey agreed.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</content></entry>
<entry><title>GUID link</title><id>https://pacific.example/guid</id><published>2015-07-15T09:00:00+09:00</published><summary>Japan &amp; China talked.</summary></entry>
</feed>`

func FuzzFeed(f *testing.F) {
	for _, s := range []string{
		rssFeed,
		fuzzAtom,
		`<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf` + "\xe9" + `</title><item><pubDate>Wed, 30 Sep 2015 14:00:00 +0000</pubDate><description>Caf` + "\xe9" + ` ferm` + "\xe9" + `.</description></item></channel></rss>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>R</title></channel><item><title>I</title><link>http://r.example/1</link><dc:date>2015-10-01</dc:date><description>Russia met Syria.</description></item></rdf:RDF>`,
		`{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", "url": "https://j.example/1", "content_html": "<p>Iran met Iraq.</p>", "date_published": "2015-10-01T08:30:00Z"}]}`,
		`<rss version="2.0"><channel><item><pubDate>not a date</pubDate><description>x</description></item></channel></rss>`,
		`<rss version="2.0"><channel><item><pubDate>Wed, 30 Sep 2015 14:00:00 +0000</pubDate><description>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><updated>2015-07-14T09:00:00Z</updated><content type="text">&amp;#xD800; &amp;#0; text</content></entry></feed>`,
		``,
		`<html><body>not a feed</body></html>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMaxInput {
			return
		}
		var items []Item
		if err := readFeed(context.Background(), "fuzz.xml", data, "", ReadOptions{}, func(it Item) error {
			items = append(items, it)
			return nil
		}); err != nil {
			t.Fatalf("readFeed returned %v; failures must be items", err)
		}
		for i, it := range items {
			checkItem(t, it)
			// Items are numbered from 1; a feed that does not parse is one
			// error for the whole input.
			if want := "fuzz.xml#item" + strconv.Itoa(i+1); it.Origin != want && !(it.Origin == "fuzz.xml" && it.Err != nil && len(items) == 1) {
				t.Errorf("item %d has origin %q, want %q", i, it.Origin, want)
			}
		}
	})
}

func FuzzText(f *testing.F) {
	for _, s := range []string{
		"Title: Russia and Syria\nDate: 2015-10-01\nURL: https://x.example/a?utm_source=y#top\nOutlet: Post\n\nRussia struck Syria.\n\nMore follows.",
		"Published: Thu, 01 Oct 2015 08:30:00 +0000\nSource: Wire\nText without a blank line.",
		"Date: October 1, 2015\n",
		"Date: yesterday\n\nText.",
		"Date: 0001-01-01\n\nText.",
		"title:lower case\nDATE:2015-10-01T08:30:00.123456789+02:00\n\nx",
		"Not a header: because of the space\nbody",
		"Russia struck Syria: a report.",
		"\xef\xbb\xbfTitle: BOM\n\nbody",
		"\xff\xfe not UTF-8",
		"",
		"   \n\t\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, skip, err := textDocument(data, fuzzPub)
		if doc != nil {
			doc.Origin = "fuzz.txt"
		}
		checkItem(t, item("fuzz.txt", doc, skip, err))
		if doc == nil {
			return
		}
		if doc.ID != ArticleID(doc.URL, "", doc.Text) {
			t.Errorf("ID %q, want ArticleID(%q, \"\", text) = %q", doc.ID, doc.URL, ArticleID(doc.URL, "", doc.Text))
		}
		if !strings.Contains(string(data), doc.Text) {
			t.Errorf("text %q is not part of the input", doc.Text)
		}
		for _, s := range []string{doc.Title, doc.URL, doc.Outlet} {
			if strings.Contains(s, "\n") || strings.TrimSpace(s) != s {
				t.Errorf("header value %q is not one trimmed line", s)
			}
		}
		again, skip2, err2 := textDocument(data, fuzzPub)
		if again != nil {
			again.Origin = doc.Origin
		}
		if !reflect.DeepEqual(doc, again) || skip2 != "" || err2 != nil {
			t.Errorf("read twice: %+v, then %+v (%q, %v)", doc, again, skip2, err2)
		}
	})
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{
		"https://News.example.com/a/b/?utm_source=x&id=2&fbclid=abc#top",
		"https://news.example.com:443/a/b?id=2",
		"HTTPS://news.example.com/a/b?id=2&utm_medium=rss",
		"http://example.com:8080/path%20with%20space/?b=2&a=1&a=0",
		"http://user:pass@example.com/?MC_CID=1&gclid=2&q=a+b",
		"https://example.com/%E2%82%AC/%zz",
		"http://127.0.0.1:80/x",
		"ftp://x/y",
		"//example.com/no-scheme",
		"  https://example.com/trim  ",
		"",
		"not a url",
	} {
		f.Add(s, "given-id", "Russia  and\nSyria")
	}
	f.Fuzz(func(t *testing.T, raw, givenID, text string) {
		c := CanonicalURL(raw)
		if c == "" {
			// Not an http(s) URL: the ID does not depend on it.
			if ArticleID(raw, givenID, text) != ArticleID("", givenID, text) {
				t.Errorf("%q is not a URL, yet it changes the ID", raw)
			}
		} else {
			if cc := CanonicalURL(c); cc != c {
				t.Errorf("CanonicalURL is not idempotent:\n raw  %q\n once %q\n twice %q", raw, c, cc)
			}
			if !strings.HasPrefix(c, "http://") && !strings.HasPrefix(c, "https://") {
				t.Errorf("CanonicalURL(%q) = %q, not http(s)", raw, c)
			}
			if strings.Contains(c, "#") {
				t.Errorf("CanonicalURL(%q) = %q keeps a fragment", raw, c)
			}
			if utf8.ValidString(raw) && !utf8.ValidString(c) {
				t.Errorf("CanonicalURL(%q) = %q is not UTF-8", raw, c)
			}
			// The canonical URL decides the ID, whatever the given ID and text.
			id := ArticleID(raw, givenID, text)
			if id != ArticleID(c, "", "") || !strings.HasPrefix(id, "u_") {
				t.Errorf("ArticleID(%q) = %q, ArticleID(canonical %q) = %q", raw, id, c, ArticleID(c, "", ""))
			}
		}
		// IDs are stable and ignore white space in the text.
		id := ArticleID(raw, givenID, text)
		if id == "" || id != ArticleID(raw, givenID, text) {
			t.Errorf("ArticleID(%q, %q, %q) = %q is empty or unstable", raw, givenID, text, id)
		}
		if c == "" && strings.TrimSpace(givenID) == "" {
			if id != ArticleID(raw, givenID, " "+strings.Join(strings.Fields(text), "\n ")+"\t") {
				t.Errorf("the text hash depends on white space")
			}
		}
	})
}
