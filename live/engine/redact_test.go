package engine

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	cases := []struct{ in, want string }{
		{"postgres://alice:s3cret@db:5432/app", "postgres://alice:xxxxx@db:5432/app"},
		{"postgresql://alice:p%40ss@db/app?sslmode=disable", "postgresql://alice:xxxxx@db/app?sslmode=disable"},
		{"mysql://root:hunter2@127.0.0.1:3306/", "mysql://root:xxxxx@127.0.0.1:3306/"},
		{"redis://:topsecret@127.0.0.1:6379/0", "redis://:xxxxx@127.0.0.1:6379/0"},
		{"postgres://db/app?user=bob&password=pw1&sslmode=require", "postgres://db/app?user=bob&password=xxxxx&sslmode=require"},
		{"host=db user=bob password='a b c' dbname=app", "host=db user=bob password=xxxxx dbname=app"},
		{"host=db password=plain dbname=app", "host=db password=xxxxx dbname=app"},
		{"dial postgres://u:pw@h/app: connection refused", "dial postgres://u:xxxxx@h/app: connection refused"},
		{"postgres://alice@db/app", "postgres://alice@db/app"},
		{"no secrets here", "no secrets here"},
		{"app:pw@127.0.0.1/db", "app:xxxxx@127.0.0.1/db"},
		{"root:s3cr3t@tcp(127.0.0.1:3306)/app", "root:xxxxx@tcp(127.0.0.1:3306)/app"},
		{`--dsn "app:pw@h/db": bad`, `--dsn "app:xxxxx@h/db": bad`},
		{"mysql://root:xxxxx@h/ and user:pw@h", "mysql://root:xxxxx@h/ and user:xxxxx@h"},
		{"at 12:30@home", "at 12:xxxxx@home"},
	}
	for _, c := range cases {
		if got := Redact(c.in); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestScrubLiteralSecret(t *testing.T) {
	msg := `auth failed: server said "bad password p@ss w0rd" and p%40ss+w0rd`
	got := Scrub(msg, "p@ss w0rd")
	if strings.Contains(got, "p@ss w0rd") || strings.Contains(got, "p%40ss+w0rd") {
		t.Fatalf("secret left in %q", got)
	}
}

func TestPassword(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://a:b%20c@h/d":         "b c",
		"postgres://a@h/d?password=zz":   "zz",
		"host=h password='q r' user=x":   "q r",
		"redis://:r3d@127.0.0.1:6379/0":  "r3d",
		"mysql://root@127.0.0.1:3306/db": "",
	} {
		if got := Password(in); got != want {
			t.Errorf("Password(%q) = %q, want %q", in, got, want)
		}
	}
}
