package live

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/connlint/connlint/live/engine"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// exporter serves /metrics (every configured target, labelled target=) and
// /probe?target= (one target, for Prometheus multi-target scraping). Each
// target keeps its one connection across scrapes; concurrent scrapes of a
// target wait for each other instead of opening a second connection.
type exporter struct {
	ts      *targets
	opts    Options
	timeout time.Duration
	hist    *History
}

func newExporter(ts *targets, opts Options, timeout time.Duration, leakSamples int) *exporter {
	return &exporter{ts: ts, opts: opts, timeout: timeout, hist: NewHistory(leakSamples)}
}

// scrapeTimeout honours Prometheus's scrape timeout header when shorter.
func (e *exporter) scrapeTimeout(r *http.Request) time.Duration {
	t := e.timeout
	if v := r.Header.Get("X-Prometheus-Scrape-Timeout-Seconds"); v != "" {
		if s, err := strconv.ParseFloat(v, 64); err == nil && s > 0 {
			if d := time.Duration(s*float64(time.Second)) - 250*time.Millisecond; d > 0 && d < t {
				t = d
			}
		}
	}
	return t
}

func (e *exporter) serveResults(w http.ResponseWriter, r *http.Request, rs []*Result, label bool) {
	for _, res := range rs {
		e.hist.Observe(res)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(&resultCollector{results: rs, withLabel: label, hist: e.hist})
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError}).ServeHTTP(w, r)
}

func (e *exporter) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {
		rs := e.ts.poll(r.Context(), e.opts, e.scrapeTimeout(r))
		e.serveResults(w, r, rs, true)
	})
	mux.HandleFunc("/probe", func(w http.ResponseWriter, r *http.Request) {
		i, err := e.find(r.URL.Query().Get("target"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		res := e.ts.pollOne(r.Context(), i, e.opts, e.scrapeTimeout(r))
		e.serveResults(w, r, []*Result{res}, false)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, "<html><head><title>connlint live</title></head><body><h1>connlint live</h1><p><a href=\"/metrics\">/metrics</a> (all targets)</p><ul>")
		for _, n := range e.names() {
			fmt.Fprintf(w, "<li><a href=\"/probe?target=%s\">/probe?target=%s</a></li>", html.EscapeString(urlQueryEscape(n)), html.EscapeString(n))
		}
		fmt.Fprint(w, "</ul></body></html>")
	})
	return mux
}

func (e *exporter) names() []string {
	var out []string
	for _, t := range e.ts.list {
		out = append(out, t.Name)
	}
	return out
}

// find matches a /probe target against the configured targets: their
// name or redacted DSN (both unique), else their host:port, which must then
// be one target's only: two targets on one server (two databases, two
// users) are told apart by name, never by picking the first.
func (e *exporter) find(name string) (int, error) {
	if name == "" {
		return -1, fmt.Errorf("no target: give /probe?target=NAME; configured targets: %s", strings.Join(e.names(), ", "))
	}
	for i, t := range e.ts.list {
		if name == t.Name || name == t.Display() {
			return i, nil
		}
	}
	var hits []int
	for i, t := range e.ts.list {
		if h := hostOf(engine.NormalizeURL(t.dsn)); h != "" && (name == h || strings.TrimPrefix(name, t.Scheme+"://") == h) {
			hits = append(hits, i)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return -1, fmt.Errorf("unknown target %q; configured targets: %s", engine.RedactDSN(name), strings.Join(e.names(), ", "))
	}
	var names []string
	for _, i := range hits {
		names = append(names, e.ts.list[i].Name)
	}
	return -1, fmt.Errorf("target %q is ambiguous: it is the host:port of %d targets (%s); ask for one by name", engine.RedactDSN(name), len(hits), strings.Join(names, ", "))
}

func serve(ctx context.Context, addr string, ts *targets, opts Options, f checkFlags, stderr io.Writer) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "connlint live: --listen %s: %v\n", addr, err)
		return ExitUnknown
	}
	fmt.Fprintf(stderr, "connlint live: serving /metrics and /probe?target= on %s for %d targets\n", ln.Addr(), len(ts.list))
	srv := &http.Server{Handler: newExporter(ts, opts, f.timeout, f.leakSamples).handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "connlint live: %v\n", err)
		return ExitUnknown
	}
	return ExitOK
}
