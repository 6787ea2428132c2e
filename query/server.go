// Package query is Dyad's analyst-facing API: a GraphQL schema over
// schema.Store (graphql-go), its resolvers with per-request batching
// (dataloader), depth/complexity/page-size limits, and the HTTP server
// with GraphiQL, the SDL, health and Prometheus metrics.
package query

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"
	"github.com/graphql-go/graphql/language/source"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"
)

// Config configures a Server.
type Config struct {
	Store    schema.Store
	Ontology *cameo.Ontology // default cameo.Standard()
	Limits   Limits          // zero fields take DefaultLimits
	// Token enables the ingestArticles mutation for requests with
	// "Authorization: Bearer <Token>". Empty: writes are off.
	Token string
	// Ingester codes posted articles; nil turns the mutation off.
	Ingester Ingester
	// CORSOrigins may call the API from a browser: exact origins, or "*".
	CORSOrigins []string
	// Dashboard, when set, is served at / (static files).
	Dashboard fs.FS
	Logger    *slog.Logger
}

// Server serves the API over HTTP.
type Server struct {
	api     *api
	schema  graphql.Schema
	sdl     string
	cfg     Config
	mux     *http.ServeMux
	metrics *metrics
	log     *slog.Logger
}

// New builds the schema and the routes.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("query: no store")
	}
	if cfg.Ontology == nil {
		o, err := cameo.Standard()
		if err != nil {
			return nil, err
		}
		cfg.Ontology = o
	}
	cfg.Limits = withDefaults(cfg.Limits)
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	a := &api{store: cfg.Store, ontology: cfg.Ontology, limits: cfg.Limits, ingester: cfg.Ingester}
	sch, err := a.buildSchema()
	if err != nil {
		return nil, fmt.Errorf("query: schema: %w", err)
	}
	s := &Server{api: a, schema: sch, sdl: PrintSDL(sch), cfg: cfg, mux: http.NewServeMux(), metrics: newMetrics(), log: cfg.Logger}
	s.routes()
	return s, nil
}

func withDefaults(l Limits) Limits {
	d := DefaultLimits()
	if l.MaxDepth == 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxFields == 0 {
		l.MaxFields = d.MaxFields
	}
	if l.MaxComplexity == 0 {
		l.MaxComplexity = d.MaxComplexity
	}
	if l.MaxFirst == 0 {
		l.MaxFirst = d.MaxFirst
	}
	if l.Timeout == 0 {
		l.Timeout = d.Timeout
	}
	if l.MaxBodyBytes == 0 {
		l.MaxBodyBytes = d.MaxBodyBytes
	}
	if l.MaxIngestArticles == 0 {
		l.MaxIngestArticles = d.MaxIngestArticles
	}
	return l
}

// SDL returns the schema in GraphQL schema definition language.
func (s *Server) SDL() string { return s.sdl }

func (s *Server) routes() {
	s.mux.HandleFunc("/graphql", s.cors(s.handleGraphQL))
	s.mux.HandleFunc("/graphiql", s.handleGraphiQL)
	s.mux.Handle("/graphiql/", http.StripPrefix("/graphiql/", http.FileServerFS(graphiqlAssets())))
	s.mux.HandleFunc("/schema.graphql", s.cors(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, s.sdl)
	}))
	s.mux.HandleFunc("/healthz", s.handleHealth)
	s.mux.Handle("/metrics", promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}))
	if s.cfg.Dashboard != nil {
		s.mux.Handle("/", http.FileServerFS(s.cfg.Dashboard))
	} else {
		s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/" {
				http.NotFound(w, r)
				return
			}
			http.Redirect(w, r, "/graphiql", http.StatusFound)
		})
	}
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// ListenAndServe serves on addr until ctx ends, then shuts down gracefully.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      s.cfg.Limits.Timeout + 15*time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	}
}

func (s *Server) cors(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if origin := r.Header.Get("Origin"); origin != "" && s.allowedOrigin(origin) {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Vary", "Origin")
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type, Authorization")
			w.Header().Set("Access-Control-Max-Age", "600")
		}
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next(w, r)
	}
}

func (s *Server) allowedOrigin(origin string) bool {
	for _, o := range s.cfg.CORSOrigins {
		if o == "*" || strings.EqualFold(o, origin) {
			return true
		}
	}
	return false
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "application/json")
	st, err := s.cfg.Store.Stats(ctx)
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		json.NewEncoder(w).Encode(map[string]string{"status": "unavailable", "error": err.Error()})
		return
	}
	json.NewEncoder(w).Encode(map[string]interface{}{"status": "ok", "stats": st})
}

// request is a GraphQL request as GET parameters or a POST body carry it.
type request struct {
	Query         string                 `json:"query"`
	Variables     map[string]interface{} `json:"variables"`
	OperationName string                 `json:"operationName"`
}

type authKey struct{}

func authorized(ctx context.Context) bool {
	ok, _ := ctx.Value(authKey{}).(bool)
	return ok
}

var errUnauthorized = errors.New("unauthorized: ingestArticles needs the server's bearer token (and the server needs --token)")

func (s *Server) handleGraphQL(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	req, status, err := s.readRequest(w, r)
	if err != nil {
		s.metrics.observe("invalid", "error", start)
		writeErrors(w, status, err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Limits.Timeout)
	defer cancel()
	ctx = context.WithValue(ctx, authKey{}, s.checkToken(r))
	ctx = withLoaders(ctx, newLoaders(s.cfg.Store))

	res, op, crashed := s.executeSafely(ctx, req, r.Method)
	if crashed {
		s.metrics.observe(op, "error", start)
		writeErrors(w, http.StatusInternalServerError, errors.New("internal error: the request could not be processed"))
		return
	}
	outcome := "ok"
	if len(res.Errors) > 0 {
		outcome = "error"
	}
	if ctx.Err() == context.DeadlineExceeded {
		res.Errors = append(res.Errors, gqlerrors.NewFormattedError(fmt.Sprintf("query timed out after %s", s.cfg.Limits.Timeout)))
		outcome = "timeout"
	}
	s.metrics.observe(op, outcome, start)
	if outcome != "ok" {
		s.log.Info("graphql request with errors", "operation", op, "errors", len(res.Errors), "first", res.Errors[0].Message, "elapsed", time.Since(start))
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(res)
}

func (s *Server) checkToken(r *http.Request) bool {
	if s.cfg.Token == "" {
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) == 1
}

func (s *Server) readRequest(w http.ResponseWriter, r *http.Request) (request, int, error) {
	var req request
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		req.Query, req.OperationName = q.Get("query"), q.Get("operationName")
		if v := q.Get("variables"); v != "" {
			if err := json.Unmarshal([]byte(v), &req.Variables); err != nil {
				return req, http.StatusBadRequest, fmt.Errorf("variables: %w", err)
			}
		}
	case http.MethodPost:
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.Limits.MaxBodyBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return req, http.StatusRequestEntityTooLarge, fmt.Errorf("request body is larger than %d bytes", s.cfg.Limits.MaxBodyBytes)
			}
			return req, http.StatusBadRequest, fmt.Errorf("reading body: %w", err)
		}
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if ct == "application/graphql" {
			req.Query = string(body)
		} else if err := json.Unmarshal(body, &req); err != nil {
			return req, http.StatusBadRequest, fmt.Errorf("body is not a GraphQL JSON request: %w", err)
		}
	default:
		return req, http.StatusMethodNotAllowed, fmt.Errorf("method %s: use GET or POST", r.Method)
	}
	if strings.TrimSpace(req.Query) == "" {
		return req, http.StatusBadRequest, errors.New("no query")
	}
	return req, 0, nil
}

// executeSafely runs execute and turns a panic (graphql-go has panicked on
// malformed documents its parser accepted) into a logged internal error,
// so one request cannot take the connection or the process down with it.
func (s *Server) executeSafely(ctx context.Context, req request, method string) (res *graphql.Result, op string, crashed bool) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("graphql request panicked", "panic", fmt.Sprint(r), "query", truncate(req.Query, 500), "stack", string(debug.Stack()))
			res, op, crashed = nil, "invalid", true
		}
	}()
	res, op = s.execute(ctx, req, method)
	return res, op, false
}

// truncate shortens s to at most n bytes for logs.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// execute parses, checks limits, validates and runs a request. It returns
// the result and the operation's top-level field names for metrics.
func (s *Server) execute(ctx context.Context, req request, method string) (*graphql.Result, string) {
	doc, err := parser.Parse(parser.ParseParams{Source: source.NewSource(&source.Source{Body: []byte(req.Query), Name: "GraphQL request"})})
	if err != nil {
		return &graphql.Result{Errors: gqlerrors.FormatErrors(err)}, "invalid"
	}
	op := operationLabel(doc, req.OperationName)
	if method == http.MethodGet && strings.HasPrefix(op, "mutation") {
		return errorResult(errors.New("mutations must be POSTed")), op
	}
	if err := s.cfg.Limits.checkDocument(doc, req.Variables); err != nil {
		return errorResult(err), op
	}
	if v := graphql.ValidateDocument(&s.schema, doc, nil); !v.IsValid {
		return &graphql.Result{Errors: v.Errors}, op
	}
	return graphql.Execute(graphql.ExecuteParams{
		Schema: s.schema, AST: doc, OperationName: req.OperationName, Args: req.Variables, Context: ctx,
	}), op
}

func errorResult(err error) *graphql.Result {
	return &graphql.Result{Errors: []gqlerrors.FormattedError{gqlerrors.NewFormattedError(err.Error())}}
}

func writeErrors(w http.ResponseWriter, status int, err error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(errorResult(err))
}

// operationLabel names an operation for metrics by its kind and top-level
// fields ("query:relations"), bounded so labels cannot explode.
func operationLabel(doc *ast.Document, name string) string {
	for _, d := range doc.Definitions {
		op, ok := d.(*ast.OperationDefinition)
		if !ok || (name != "" && (op.Name == nil || op.Name.Value != name)) {
			continue
		}
		var fields []string
		for _, sel := range op.SelectionSet.Selections {
			if f, ok := sel.(*ast.Field); ok && len(fields) < 3 {
				fields = append(fields, f.Name.Value)
			}
		}
		return op.Operation + ":" + strings.Join(fields, ",")
	}
	return "invalid"
}

type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dyad_graphql_requests_total", Help: "GraphQL requests by operation and outcome.",
		}, []string{"operation", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "dyad_graphql_request_duration_seconds", Help: "GraphQL request latency by operation.",
			Buckets: []float64{.001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5, 5, 15},
		}, []string{"operation"}),
	}
	m.registry.MustRegister(m.requests, m.duration, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(op, outcome string, start time.Time) {
	if len(op) > 80 {
		op = op[:80]
	}
	m.requests.WithLabelValues(op, outcome).Inc()
	m.duration.WithLabelValues(op).Observe(time.Since(start).Seconds())
}
