package dashboard_test

import (
	"context"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/dyadgraph/dyad/dashboard"
	"github.com/dyadgraph/dyad/query"
	"github.com/dyadgraph/dyad/schema/storetest"
	"github.com/dyadgraph/dyad/sqlite"
)

// References between the assets: module imports, and src/href attributes.
var (
	importRE = regexp.MustCompile(`(?m)^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]`)
	attrRE   = regexp.MustCompile(`(?:src|href)="([^"#:]+)"`)
)

// TestAssetsResolve checks that every file the page loads is embedded, so
// the dashboard cannot ship with a broken import, and that nothing is
// loaded from another origin.
func TestAssetsResolve(t *testing.T) {
	fsys := dashboard.FS()
	index, err := fs.ReadFile(fsys, "index.html")
	if err != nil {
		t.Fatalf("index.html: %v", err)
	}
	if strings.Contains(string(index), "//cdn") || regexp.MustCompile(`(?:src|href)="https?://`).Match(index) {
		t.Errorf("index.html loads something from another origin")
	}
	for _, m := range attrRE.FindAllStringSubmatch(string(index), -1) {
		switch m[1] {
		case "graphql", "graphiql", "schema.graphql":
			continue // served by the API server
		}
		if _, err := fs.Stat(fsys, m[1]); err != nil {
			t.Errorf("index.html refers to %s: %v", m[1], err)
		}
	}
	n := 0
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		n++
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		for _, m := range importRE.FindAllStringSubmatch(string(src), -1) {
			spec := m[1] + m[2]
			if !strings.HasPrefix(spec, ".") {
				t.Errorf("%s imports %q: only relative imports of embedded modules work offline", p, spec)
				continue
			}
			if _, err := fs.Stat(fsys, path.Join(path.Dir(p), spec)); err != nil {
				t.Errorf("%s imports %s: %v", p, spec, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 5 {
		t.Errorf("found %d JavaScript modules, want the whole app", n)
	}
}

// TestServed checks the dashboard through the API server: index at /,
// modules with a JavaScript content type (browsers refuse modules
// otherwise).
func TestServed(t *testing.T) {
	s, err := sqlite.Open(context.Background(), t.TempDir()+"/d.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, b := range storetest.FixtureBatches() {
		if _, err := s.Write(context.Background(), b); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := query.New(query.Config{Store: s, Dashboard: dashboard.FS()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for _, c := range []struct{ path, ctype, contains string }{
		{"/", "text/html", `<script type="module" src="js/main.js">`},
		{"/js/main.js", "javascript", "hashchange"},
		{"/js/api.js", "javascript", "graphql"},
		{"/css/app.css", "text/css", "@media print"},
		{"/favicon.svg", "image/svg+xml", "<svg"},
	} {
		resp, err := http.Get(ts.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", c.path, resp.Status)
			continue
		}
		if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, c.ctype) {
			t.Errorf("GET %s: Content-Type %q, want %s", c.path, ct, c.ctype)
		}
		if !strings.Contains(string(body), c.contains) {
			t.Errorf("GET %s: body lacks %q", c.path, c.contains)
		}
	}
}
