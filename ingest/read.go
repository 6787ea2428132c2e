package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyadgraph/dyad/schema"
)

// Item is what reading yields: a document, or a document that was skipped
// (Skip, with a reason) or could not be read (Err). Origin always says where.
type Item struct {
	Doc    *Document
	Origin string
	Skip   string // reason the document is skipped: bad but harmless input
	Err    error  // the document failed and is lost unless fixed and re-read
}

// ReadOptions bound what readers accept.
type ReadOptions struct {
	MaxBytes   int64 // largest document (file, body, JSONL line); default 5 MiB
	Fetcher    *Fetcher
	Stdin      io.Reader
	FileFilter func(path string) bool // for directories; default: known extensions
}

func (o ReadOptions) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return 5 << 20
	}
	return o.MaxBytes
}

// Read reads one input: a file, a directory (recursively), an http(s) URL
// or "-" for standard input, and emits an Item per document. emit's error
// stops reading. A failure to open the input at all is returned.
func Read(ctx context.Context, input string, opt ReadOptions, emit func(Item) error) error {
	switch {
	case input == "-":
		if opt.Stdin == nil {
			return errors.New("stdin: not available")
		}
		b, err := readCapped(opt.Stdin, opt.maxBytes()*64)
		if err != nil {
			return fmt.Errorf("stdin: %w", err)
		}
		return readContent(ctx, "stdin", b, sniff(b), time.Now().UTC(), opt, emit)
	case strings.HasPrefix(input, "http://") || strings.HasPrefix(input, "https://"):
		if opt.Fetcher == nil {
			opt.Fetcher = NewFetcher(FetchOptions{MaxBytes: opt.maxBytes()})
		}
		return opt.Fetcher.read(ctx, input, opt, emit)
	}
	info, err := os.Stat(input)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return readFile(ctx, input, info, opt, emit)
	}
	filter := opt.FileFilter
	if filter == nil {
		filter = func(p string) bool { return kindOf(p) != "" }
	}
	return filepath.WalkDir(input, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return emit(Item{Origin: path, Err: err})
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		name := d.Name()
		if path != input && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !filter(path) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return emit(Item{Origin: path, Err: err})
		}
		return readFile(ctx, path, info, opt, emit)
	})
}

// Input kinds.
const (
	kindText = "text"
	kindHTML = "html"
	kindJSON = "jsonl"
	kindFeed = "feed"
)

// kindOf names a file's kind by its extension, "" when unknown.
func kindOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text":
		return kindText
	case ".html", ".htm", ".xhtml":
		return kindHTML
	case ".json", ".jsonl", ".ndjson":
		return kindJSON
	case ".xml", ".rss", ".atom":
		return kindFeed
	}
	return ""
}

// sniff guesses the kind of content without a name.
func sniff(b []byte) string {
	head := bytes.ToLower(bytes.TrimSpace(b[:min(len(b), 512)]))
	switch {
	case bytes.HasPrefix(head, []byte("{")) || bytes.HasPrefix(head, []byte("[")):
		return kindJSON
	case bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed")) || bytes.Contains(head, []byte("<rdf:rdf")):
		return kindFeed
	case bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.Contains(head, []byte("<html")) || bytes.HasPrefix(head, []byte("<")):
		return kindHTML
	}
	return kindText
}

func readFile(ctx context.Context, path string, info fs.FileInfo, opt ReadOptions, emit func(Item) error) error {
	kind := kindOf(path)
	limit := opt.maxBytes()
	if kind == kindJSON || kind == kindFeed {
		limit *= 1024 // many documents in one file; each is still capped
	}
	if info.Size() > limit {
		return emit(Item{Origin: path, Skip: fmt.Sprintf("oversized: %d bytes, more than %d", info.Size(), limit)})
	}
	if kind == kindJSON {
		f, err := os.Open(path)
		if err != nil {
			return emit(Item{Origin: path, Err: err})
		}
		defer f.Close()
		return readJSONL(ctx, path, f, opt, emit)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return emit(Item{Origin: path, Err: err})
	}
	if kind == "" {
		kind = sniff(b)
	}
	return readContent(ctx, path, b, kind, info.ModTime().UTC(), opt, emit)
}

// readContent reads a whole document of a known kind; fallback is the
// publication time to use when the content has none.
func readContent(ctx context.Context, origin string, b []byte, kind string, fallback time.Time, opt ReadOptions, emit func(Item) error) error {
	switch kind {
	case kindJSON:
		return readJSONL(ctx, origin, bytes.NewReader(b), opt, emit)
	case kindFeed:
		return readFeed(ctx, origin, b, "", opt, emit)
	case kindHTML:
		doc, skip, err := htmlDocument(b, "", "", fallback)
		return emit(item(origin, doc, skip, err))
	}
	doc, skip, err := textDocument(b, fallback)
	return emit(item(origin, doc, skip, err))
}

func item(origin string, doc *Document, skip string, err error) Item {
	if doc != nil {
		doc.Origin = origin
	}
	return Item{Doc: doc, Origin: origin, Skip: skip, Err: err}
}

// textDocument reads a plain-text article. Leading header lines
// "Title: ...", "Date: ...", "URL: ...", "Outlet: ..." set those fields;
// without a date the fallback (the file's modification time) is used.
func textDocument(b []byte, fallback time.Time) (*Document, string, error) {
	text, skip := decodeUTF8(b, "")
	if skip != "" {
		return nil, skip, nil
	}
	doc := &Document{Published: fallback}
	lines := strings.Split(text, "\n")
	body := 0
headers:
	for i, line := range lines {
		key, val, ok := strings.Cut(line, ":")
		if !ok || strings.Contains(key, " ") {
			break headers
		}
		val = strings.TrimSpace(val)
		switch strings.ToLower(key) {
		case "title":
			doc.Title = val
		case "date", "published":
			t, err := parseTime(val)
			if err != nil {
				return nil, "", fmt.Errorf("header %s: %w", key, err)
			}
			doc.Published = t
		case "url":
			doc.URL = val
		case "outlet", "source":
			doc.Outlet = val
		default:
			break headers
		}
		body = i + 1
	}
	doc.Text = strings.TrimSpace(strings.Join(lines[body:], "\n"))
	if doc.Text == "" {
		return nil, "empty: no text", nil
	}
	if doc.Published.IsZero() {
		return nil, "", errors.New("no publication date: give a Date: header")
	}
	doc.ID = ArticleID(doc.URL, "", doc.Text)
	return doc, "", nil
}

// jsonArticle is one line of the JSONL input format.
type jsonArticle struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Date      string `json:"date"` // accepted for published (the extract format)
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

// readJSONL reads JSON Lines (or one JSON array of the same objects). A bad
// line is reported with its line number and reading goes on.
func readJSONL(ctx context.Context, origin string, r io.Reader, opt ReadOptions, emit func(Item) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if first, err := peekNonSpace(br); err == nil && first == '[' {
		// Arrays of articles, one after another: every value is read.
		dec := json.NewDecoder(io.LimitReader(br, opt.maxBytes()*1024))
		n := 0
		for {
			var arr []json.RawMessage
			if err := dec.Decode(&arr); err == io.EOF {
				return nil
			} else if err != nil {
				return emit(Item{Origin: fmt.Sprintf("%s[%d]", origin, n), Err: fmt.Errorf("malformed JSON array (at byte %d): %w; the rest of the file is not read", dec.InputOffset(), err)})
			}
			for _, raw := range arr {
				if err := emitJSON(fmt.Sprintf("%s[%d]", origin, n), raw, opt, emit); err != nil {
					return err
				}
				n++
			}
		}
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 64<<10), int(opt.maxBytes())+1)
	line := 0
	for sc.Scan() {
		line++
		if ctx.Err() != nil {
			return ctx.Err()
		}
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 || b[0] == '#' {
			continue
		}
		if err := emitJSON(fmt.Sprintf("%s:%d", origin, line), b, opt, emit); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return emit(Item{Origin: fmt.Sprintf("%s:%d", origin, line+1), Err: fmt.Errorf("line longer than %d bytes; the rest of the file is not read", opt.maxBytes())})
		}
		return emit(Item{Origin: origin, Err: err})
	}
	return nil
}

func peekNonSpace(br *bufio.Reader) (byte, error) {
	for i := 1; ; i++ {
		b, err := br.Peek(i)
		if err != nil {
			return 0, err
		}
		if c := b[i-1]; c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			return c, nil
		}
	}
}

func emitJSON(origin string, raw []byte, opt ReadOptions, emit func(Item) error) error {
	if !utf8.Valid(raw) {
		return emit(Item{Origin: origin, Skip: "not UTF-8: JSON must be UTF-8"})
	}
	var a jsonArticle
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&a); err != nil {
		return emit(Item{Origin: origin, Err: fmt.Errorf("malformed JSON: %w", err)})
	}
	if rest := bytes.TrimSpace(raw[dec.InputOffset():]); len(rest) > 0 {
		return emit(Item{Origin: origin, Err: fmt.Errorf("malformed JSON: %d bytes after the object (one article per line)", len(rest))})
	}
	doc, skip, err := jsonDocument(a)
	return emit(item(origin, doc, skip, err))
}

func jsonDocument(a jsonArticle) (*Document, string, error) {
	pub := a.Published
	if pub == "" {
		pub = a.Date
	}
	if strings.TrimSpace(pub) == "" {
		return nil, "", errors.New("published: missing")
	}
	t, err := parseTime(pub)
	if err != nil {
		return nil, "", fmt.Errorf("published: %w", err)
	}
	if a.Text == "" && a.HTML != "" {
		doc, skip, err := htmlDocument([]byte(a.HTML), "text/html; charset=utf-8", a.URL, t)
		if doc != nil {
			doc.Published = t // the record's date wins over page metadata
			if a.Title != "" {
				doc.Title = a.Title
			}
			doc.Outlet = a.Outlet
			doc.ID = ArticleID(a.URL, a.ID, doc.Text)
		}
		return doc, skip, err
	}
	text := strings.TrimSpace(a.Text)
	if text == "" {
		return nil, "empty: no text or html", nil
	}
	return &Document{ID: ArticleID(a.URL, a.ID, text), URL: a.URL, Title: a.Title, Outlet: a.Outlet, Published: t, Text: text}, "", nil
}

// parseTime accepts the publication time formats seen in news data,
// within the years the stores accept.
func parseTime(s string) (time.Time, error) {
	t, err := parseAnyTime(s)
	if err != nil {
		return t, err
	}
	return t, checkPublished(t)
}

// checkPublished rejects publication times the stores would reject later.
func checkPublished(t time.Time) error {
	if t.Before(schema.MinDate) || !t.Before(schema.MaxDate) {
		return fmt.Errorf("%s is outside %s–%s", t.Format(time.RFC3339), schema.MinDate.Format("2006"), schema.MaxDate.Format("2006"))
	}
	return nil
}

func parseAnyTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02", "20060102",
		time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700", "January 2, 2006", "2 January 2006", "Jan. 2, 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date or time I can read (use RFC 3339 or YYYY-MM-DD)", s)
}

func readCapped(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("more than %d bytes", limit)
	}
	return b, nil
}
