package live

import "net/url"

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// hostOf is the host:port of a URL DSN ("" when there is none).
func hostOf(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return ""
	}
	return u.Host
}
