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
		// An unescaped '@' (or '/', '?', '&', a space) in a password: every
		// piece of it is masked, whichever '@' a driver takes.
		{"postgres://app:Pa@ss@127.0.0.1:5432/postgres", "postgres://app:xxxxx@127.0.0.1:5432/postgres"},
		{"mysql://app:Pa@ss@127.0.0.1:3306/", "mysql://app:xxxxx@127.0.0.1:3306/"},
		{"redis://:Pa@ss@127.0.0.1:6379/0", "redis://:xxxxx@127.0.0.1:6379/0"},
		{"pgbouncer://u:p/s?s@h:6432/pgbouncer", "pgbouncer://u:xxxxx@h:6432/pgbouncer"},
		{"postgres://app@h/db?password=Pa@ss&sslmode=disable", "postgres://app@h/db?password=xxxxx&sslmode=disable"},
		{"postgres://app@h/db?sslmode=disable&password=a&b@c", "postgres://app@h/db?sslmode=disable&password=xxxxx"},
		{"postgres://u:pw@h/db?password=Pa@ss", "postgres://u:xxxxx@h/db?password=xxxxx"},
		{"host=h user=app password=Pa@ss dbname=x", "host=h user=app password=xxxxx dbname=x"},
		{`host=h password='it\'s @ me' dbname=x`, "host=h password=xxxxx dbname=x"},
		{"app:Pa@ss@tcp(127.0.0.1:3306)/db", "app:xxxxx@tcp(127.0.0.1:3306)/db"},
		{`--dsn "app:Pa@ss@tcp(h:3306)/db": want a URL`, `--dsn "app:xxxxx@tcp(h:3306)/db": want a URL`},
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

func TestRedactDSNKeyValue(t *testing.T) {
	for in, want := range map[string]string{
		"host=h user=app password=pa ss dbname=x":   "host=h user=app password=xxxxx dbname=x",
		"host=h user=app password=Pa@ss":            "host=h user=app password=xxxxx",
		"host=h user=app sslpassword=k3y sslmode=x": "host=h user=app sslpassword=xxxxx sslmode=x",
	} {
		if got := RedactDSN(in); got != want {
			t.Errorf("RedactDSN(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeURL(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://app:Pa@ss@h:5432/db":              "postgres://app:Pa%40ss@h:5432/db",
		"postgres://app:Pa@ss@h:5432":                 "postgres://app:Pa%40ss@h:5432",
		"mysql://u:pa?ss@h/":                          "mysql://u:pa%3Fss@h/",
		"redis://:100%sure@h/0":                       "redis://:100%25sure@h/0",
		"redis://:a b#c@h/0":                          "redis://:a%20b%23c@h/0",
		"postgres://u:p%40ss@h/db":                    "postgres://u:p%40ss@h/db",
		"postgres://u@h/db?application_name=a@b":      "postgres://u@h/db?application_name=a@b",
		"postgres://u@h?application_name=a@b":         "postgres://u@h?application_name=a@b",
		"postgres://u:pw@h/my@db":                     "postgres://u:pw@h/my@db",
		"postgres://h/db":                             "postgres://h/db",
		"host=h password=x@y":                         "host=h password=x@y",
		"postgres://app:Pa@ss@h1:5432,h2:5433/db?x=1": "postgres://app:Pa%40ss@h1:5432,h2:5433/db?x=1",
	} {
		if got := NormalizeURL(in); got != want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSecretsCoverEveryReading(t *testing.T) {
	got := strings.Join(Secrets("postgres://app:Pa@ss-w0rd@h/db"), " ")
	for _, want := range []string{"Pa@ss-w0rd", "ss-w0rd"} {
		if !strings.Contains(" "+got+" ", " "+want+" ") {
			t.Errorf("Secrets = %q, lacks %q", got, want)
		}
	}
	msg := Scrub("lookup Pa@ss-w0rd@h and Pa%40ss-w0rd", Secrets("postgres://app:Pa@ss-w0rd@h/db")...)
	if strings.Contains(msg, "ss-w0rd") {
		t.Errorf("Scrub left a piece of the password: %q", msg)
	}
}

func TestPassword(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://a:b%20c@h/d":         "b c",
		"postgres://a@h/d?password=zz":   "zz",
		"host=h password='q r' user=x":   "q r",
		"redis://:r3d@127.0.0.1:6379/0":  "r3d",
		"mysql://root@127.0.0.1:3306/db": "",
		"postgres://a:Pa@ss@h/d":         "Pa@ss",
		"mysql://a@h/?password=Pa@ss":    "Pa@ss",
	} {
		if got := Password(in); got != want {
			t.Errorf("Password(%q) = %q, want %q", in, got, want)
		}
	}
}
