package redis_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/live/engine"
	"github.com/connlint/connlint/live/livetest"
)

// The ACL documented in README.md is enough, and a user without
// CLIENT LIST gets UNKNOWN naming what to grant.
func TestLeastPrivilegeACL(t *testing.T) {
	r := livetest.RedisServer(t)
	ctx := context.Background()
	user := fmt.Sprintf("connlint_acl_%d", os.Getpid())
	pass := "acl-Secret-9"
	admin := r.Admin()
	t.Cleanup(func() { admin.Do(context.Background(), "ACL", "DELUSER", user) })

	if err := admin.Do(ctx, "ACL", "SETUSER", user, "on", ">"+pass, "resetkeys", "-@all", "+info", "+client|id", "+client|setname").Err(); err != nil {
		livetest.Unavailable(t, "Redis ACL (6.0+): %v", err)
	}
	dsn := fmt.Sprintf("redis://%s:%s@%s/0", user, pass, r.Addr)
	e := newEngine(t, dsn)
	_, err := e.Snapshot(ctx)
	var ee *engine.Error
	if !errors.As(err, &ee) || ee.Kind != engine.Privilege || !strings.Contains(ee.Msg, "+client|list") {
		t.Fatalf("without +client|list: %v, want a privilege error naming it", err)
	}
	if strings.Contains(err.Error(), pass) {
		t.Fatalf("password in error: %v", err)
	}

	if err := admin.Do(ctx, "ACL", "SETUSER", user, "+client|list").Err(); err != nil {
		t.Fatal(err)
	}
	e2 := newEngine(t, dsn)
	tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	snap, err := e2.Snapshot(tctx)
	if err != nil {
		t.Fatalf("with the documented ACL: %v", err)
	}
	if snap.Self == nil || snap.Self.User != user {
		t.Errorf("self = %+v, want ACL user %s", snap.Self, user)
	}

	wrong := newEngine(t, fmt.Sprintf("redis://%s:%s@%s/0", user, "Wr0ng-pass", r.Addr))
	_, err = wrong.Snapshot(ctx)
	if engine.KindOf(err) != engine.Auth || strings.Contains(err.Error(), "Wr0ng-pass") {
		t.Errorf("wrong password: %v (kind %v), want auth without the password", err, engine.KindOf(err))
	}
}
