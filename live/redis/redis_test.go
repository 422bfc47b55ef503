package redis_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/connlint/connlint/live/engine"
	"github.com/connlint/connlint/live/livetest"
	"github.com/connlint/connlint/live/redis"
)

func newEngine(t *testing.T, dsn string) *redis.Engine {
	t.Helper()
	e, err := redis.New(dsn, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// The shared Redis has other clients, from this test binary and from
// others running beside it: the test counts only its own uniquely named
// clients and its own connection, never the server's totals.
func TestClientsByName(t *testing.T) {
	r := livetest.RedisServer(t)
	name := livetest.Unique("cl-worker")
	r.Open(t, 3, name)
	e := newEngine(t, r.URL())
	snap, err := e.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if snap.ByApplication[name] != 3 {
		t.Errorf("by_application[%s] = %d, want 3 (%v)", name, snap.ByApplication[name], snap.ByApplication)
	}
	if snap.Self == nil || snap.Self.Application != engine.SelfName {
		t.Fatalf("self = %+v", snap.Self)
	}
	for _, s := range snap.Sessions {
		if s.PID == snap.Self.PID {
			t.Errorf("own client %d counted: %+v", s.PID, s)
		}
	}
	if snap.MaxConnections < 100 || snap.Used != int(snap.Extra["connected_clients"])-1 {
		t.Errorf("max %d used %d connected %v", snap.MaxConnections, snap.Used, snap.Extra["connected_clients"])
	}
}

func TestFullIsCriticalAndRejectionsAreCounted(t *testing.T) {
	r := livetest.RedisServerExclusive(t)
	watcher := newEngine(t, r.URL())
	if _, err := watcher.Snapshot(context.Background()); err != nil { // holds its connection from now on
		t.Fatal(err)
	}
	base := r.Connected(t)
	r.SetMaxClients(t, base+2)
	r.Open(t, 2, "cl-filler")

	late := newEngine(t, r.URL())
	_, err := late.Snapshot(context.Background())
	var ee *engine.Error
	if !errors.As(err, &ee) || ee.Kind != engine.Exhausted {
		t.Fatalf("connect to a full server: %v, want exhausted", err)
	}
	snap, err := watcher.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var rejected *engine.Note
	for i := range snap.Notes {
		if snap.Notes[i].Name == "rejected_connections" {
			rejected = &snap.Notes[i]
		}
	}
	if rejected == nil || rejected.Status != 2 {
		t.Errorf("no CRITICAL note for the rejected connection: %+v", snap.Notes)
	}
}

func TestReconnectsAfterClientKill(t *testing.T) {
	r := livetest.RedisServer(t)
	e := newEngine(t, r.URL())
	first, err := e.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Admin().Do(context.Background(), "CLIENT", "KILL", "ID", first.Self.PID).Err(); err != nil {
		t.Fatal(err)
	}
	second, err := e.Snapshot(context.Background())
	if err != nil {
		t.Fatalf("poll after CLIENT KILL: %v", err)
	}
	if second.Self.PID == first.Self.PID {
		t.Fatalf("still client %d", first.Self.PID)
	}
	third, err := e.Snapshot(context.Background())
	if err != nil || third.Self.PID != second.Self.PID {
		t.Fatalf("third poll: %v, client %d then %d (should reuse)", err, second.Self.PID, third.Self.PID)
	}
}
