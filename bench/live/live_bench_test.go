// Benchmarks for connlint live against a throwaway PostgreSQL cluster that
// holds 500 open client connections (400 idle, 80 idle in transaction, 20
// active) from 50 applications.
//
//	go test -run '^$' -bench . -benchtime 200x ./bench/live/
//
// Besides ns/op each benchmark reports median_ms and p95_ms per check, and
// max_sessions: the most sessions connlint held at once on the server,
// sampled from pg_stat_activity while it ran (the bar is 1).
package live_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/connlint/connlint/live"
	"github.com/connlint/connlint/live/livetest"
	"github.com/jackc/pgx/v5"
)

const (
	idle    = 400
	inTxn   = 80
	active  = 20
	holding = idle + inTxn + active
)

var (
	setupOnce sync.Once
	pg        *livetest.PG
	setupErr  error
	held      []*pgx.Conn
	stopBusy  context.CancelFunc
	busyWG    sync.WaitGroup
)

func TestMain(m *testing.M) {
	code := m.Run()
	if stopBusy != nil {
		stopBusy()
		busyWG.Wait()
	}
	for _, c := range held {
		c.Close(context.Background())
	}
	if pg != nil {
		pg.Stop()
	}
	os.Exit(code)
}

func server(b *testing.B) *livetest.PG {
	b.Helper()
	setupOnce.Do(func() {
		pg, setupErr = livetest.StartPostgres(livetest.PGOptions{MaxConnections: holding + 50, SuperuserReserved: 3,
			Settings: map[string]string{"shared_buffers": "64MB"}})
		if setupErr != nil {
			return
		}
		ctx, cancel := context.WithCancel(context.Background())
		stopBusy = cancel
		for i := 0; i < holding; i++ {
			app := fmt.Sprintf("svc-%02d", i%50)
			c, err := pgx.Connect(context.Background(), pg.SocketDSN("postgres", "postgres", "application_name="+app))
			if err != nil {
				setupErr = fmt.Errorf("connection %d: %v", i, err)
				return
			}
			held = append(held, c)
			switch {
			case i < idle:
			case i < idle+inTxn:
				if _, err := c.Exec(ctx, "BEGIN; SELECT 1"); err != nil {
					setupErr = err
					return
				}
			default:
				busyWG.Add(1)
				go func(c *pgx.Conn) { defer busyWG.Done(); c.Exec(ctx, "SELECT pg_sleep(3600)") }(c)
			}
		}
		time.Sleep(200 * time.Millisecond) // let the active ones start
	})
	if setupErr != nil {
		livetest.Unavailable(b, "benchmark cluster: %v", setupErr)
	}
	return pg
}

// sampler counts connlint's sessions on the server until stopped.
type sampler struct {
	max  atomic.Int64
	stop chan struct{}
	done chan struct{}
}

func sample(b *testing.B, pg *livetest.PG) *sampler {
	s := &sampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for {
			got := pg.Query(b, `SELECT count(*) FROM pg_stat_activity WHERE application_name = 'connlint'`)
			n, _ := strconv.ParseInt(got[0], 10, 64)
			if n > s.max.Load() {
				s.max.Store(n)
			}
			select {
			case <-s.stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	return s
}

func (s *sampler) finish() float64 {
	close(s.stop)
	<-s.done
	return float64(s.max.Load())
}

func report(b *testing.B, durs []time.Duration) {
	sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(durs[len(durs)/2]), "median_ms")
	b.ReportMetric(ms(durs[len(durs)*95/100]), "p95_ms")
}

// BenchmarkCheck is one `connlint live --dsn ... --format json` run:
// connect, poll, evaluate, write, disconnect.
func BenchmarkCheck(b *testing.B) {
	pg := server(b)
	dsn := pg.SocketDSN("postgres", "postgres", "")
	var durs []time.Duration
	s := sample(b, pg)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		code := live.Main(context.Background(), []string{"--dsn", dsn, "--format", "json", "--warn", "95%", "--crit", "99%"}, io.Discard, io.Discard)
		durs = append(durs, time.Since(start))
		if code != live.ExitOK {
			b.Fatalf("exit %d", code)
		}
		pg.WaitAppGone(b, "connlint") // one check at a time, as Nagios runs them
	}
	b.StopTimer()
	b.ReportMetric(s.finish(), "max_sessions")
	report(b, durs)
}

// BenchmarkCheckTCP is the same over TCP to 127.0.0.1.
func BenchmarkCheckTCP(b *testing.B) {
	pg := server(b)
	dsn := pg.DSN("postgres", "postgres", "")
	var durs []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if code := live.Main(context.Background(), []string{"--dsn", dsn, "--format", "nagios", "--warn", "95%", "--crit", "99%"}, io.Discard, io.Discard); code != live.ExitOK {
			b.Fatalf("exit %d", code)
		}
		durs = append(durs, time.Since(start))
		pg.WaitAppGone(b, "connlint")
	}
	b.StopTimer()
	report(b, durs)
}

// BenchmarkWatch1000 runs --watch for 1,000 polls (1ms apart) and reports
// the most sessions connlint held meanwhile.
func BenchmarkWatch1000(b *testing.B) {
	pg := server(b)
	dsn := pg.SocketDSN("postgres", "postgres", "")
	for i := 0; i < b.N; i++ {
		s := sample(b, pg)
		start := time.Now()
		code := live.Main(context.Background(), []string{"--dsn", dsn, "--watch", "1ms", "--count", "1000", "--format", "json", "--warn", "95%", "--crit", "99%"}, io.Discard, io.Discard)
		el := time.Since(start)
		b.ReportMetric(s.finish(), "max_sessions")
		b.ReportMetric(float64(el.Microseconds())/1000/1000, "ms_per_poll")
		if code != live.ExitOK {
			b.Fatalf("exit %d", code)
		}
		pg.WaitAppGone(b, "connlint")
	}
}

// BenchmarkMetrics1000 scrapes /metrics 1,000 times (half of them through
// /probe) from a running --listen exporter.
func BenchmarkMetrics1000(b *testing.B) {
	pg := server(b)
	dsn := pg.SocketDSN("postgres", "postgres", "")
	for i := 0; i < b.N; i++ {
		port, err := livetest.FreePort()
		if err != nil {
			b.Fatal(err)
		}
		addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
		ctx, cancel := context.WithCancel(context.Background())
		exited := make(chan int)
		go func() {
			exited <- live.Main(ctx, []string{"--dsn", "pg=" + dsn, "--listen", addr, "--warn", "95%", "--crit", "99%"}, io.Discard, io.Discard)
		}()
		for j := 0; ; j++ {
			if c, err := net.Dial("tcp", addr); err == nil {
				c.Close()
				break
			}
			if j > 500 {
				b.Fatal("exporter did not listen")
			}
			time.Sleep(10 * time.Millisecond)
		}
		s := sample(b, pg)
		var durs []time.Duration
		for j := 0; j < 1000; j++ {
			path := "/metrics"
			if j%2 == 1 {
				path = "/probe?target=pg"
			}
			start := time.Now()
			resp, err := http.Get("http://" + addr + path)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatalf("%s: %s", path, resp.Status)
			}
			durs = append(durs, time.Since(start))
		}
		b.ReportMetric(s.finish(), "max_sessions")
		report(b, durs)
		cancel()
		<-exited
		pg.WaitAppGone(b, "connlint")
	}
}
