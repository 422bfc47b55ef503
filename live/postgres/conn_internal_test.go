package postgres

import "testing"

func TestJoinUniqueLines(t *testing.T) {
	in := "failed to connect to `user=u database=d`:\n\t127.0.0.1:5999 (127.0.0.1): dial error: refused\n\t127.0.0.1:5999 (127.0.0.1): dial error: refused\n"
	want := "failed to connect to `user=u database=d`: 127.0.0.1:5999 (127.0.0.1): dial error: refused"
	if got := joinUniqueLines(in); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
