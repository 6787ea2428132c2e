package ingest

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sync"
	"time"
)

// FetchOptions configure HTTP fetching.
type FetchOptions struct {
	Timeout   time.Duration // whole request; default 30 s
	MaxBytes  int64         // largest body; default 5 MiB
	UserAgent string        // default "dyad/1 (+https://github.com/dyadgraph/dyad)"
	Client    *http.Client  // default: one with Timeout
}

// Fetcher gets articles and feeds over HTTP with a timeout, a size cap and
// conditional requests: a feed polled again answers 304 when unchanged.
type Fetcher struct {
	opt    FetchOptions
	client *http.Client

	mu         sync.Mutex
	validators map[string][2]string // URL → ETag, Last-Modified
}

// NewFetcher returns a Fetcher.
func NewFetcher(opt FetchOptions) *Fetcher {
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = 5 << 20
	}
	if opt.UserAgent == "" {
		opt.UserAgent = "dyad/1 (+https://github.com/dyadgraph/dyad)"
	}
	c := opt.Client
	if c == nil {
		c = &http.Client{Timeout: opt.Timeout}
	}
	return &Fetcher{opt: opt, client: c, validators: map[string][2]string{}}
}

// read fetches a URL and emits its documents by content type.
func (f *Fetcher) read(ctx context.Context, url string, opt ReadOptions, emit func(Item) error) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return emit(Item{Origin: url, Err: err})
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	req.Header.Set("Accept", "text/html, application/rss+xml, application/atom+xml, application/xml;q=0.9, application/json;q=0.9, text/plain;q=0.8, */*;q=0.5")
	f.mu.Lock()
	v := f.validators[url]
	f.mu.Unlock()
	if v[0] != "" {
		req.Header.Set("If-None-Match", v[0])
	}
	if v[1] != "" {
		req.Header.Set("If-Modified-Since", v[1])
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return emit(Item{Origin: url, Err: fmt.Errorf("fetch: %w", err)})
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return emit(Item{Origin: url, Err: fmt.Errorf("fetch: HTTP %s", resp.Status)})
	}
	if resp.ContentLength > f.opt.MaxBytes {
		return emit(Item{Origin: url, Skip: fmt.Sprintf("oversized: %d bytes, more than %d", resp.ContentLength, f.opt.MaxBytes)})
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opt.MaxBytes+1))
	if err != nil {
		return emit(Item{Origin: url, Err: fmt.Errorf("fetch: reading body: %w", err)})
	}
	if int64(len(body)) > f.opt.MaxBytes {
		return emit(Item{Origin: url, Skip: fmt.Sprintf("oversized: more than %d bytes", f.opt.MaxBytes)})
	}
	f.mu.Lock()
	f.validators[url] = [2]string{resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")}
	f.mu.Unlock()

	fallback := time.Now().UTC()
	if lm, err := http.ParseTime(resp.Header.Get("Last-Modified")); err == nil {
		fallback = lm.UTC()
	}
	ct := resp.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	switch mt {
	case "application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml":
		return readFeed(ctx, url, body, url, opt, emit)
	case "application/json", "application/x-ndjson", "application/jsonl":
		return readContent(ctx, url, body, kindJSON, fallback, opt, emit)
	case "text/plain":
		text, skip := decodeUTF8(body, ct)
		if skip != "" {
			return emit(Item{Origin: url, Skip: skip})
		}
		doc, skip, err := textDocument([]byte(text), fallback)
		if doc != nil && doc.URL == "" {
			doc.URL = url
			doc.ID = ArticleID(url, "", doc.Text)
		}
		return emit(item(url, doc, skip, err))
	case "text/html", "application/xhtml+xml", "":
		if mt == "" && sniff(body) == kindFeed {
			return readFeed(ctx, url, body, url, opt, emit)
		}
		doc, skip, err := htmlDocument(body, ct, url, fallback)
		return emit(item(url, doc, skip, err))
	}
	return emit(Item{Origin: url, Skip: fmt.Sprintf("unsupported content type %q", mt)})
}
