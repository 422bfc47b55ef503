package pgxpool

import "time"

// Stat is a snapshot of a Pool's statistics.
type Stat struct {
	acquired int32
	idle     int32
	total    int32
	max      int32
}

func (s *Stat) AcquireCount() int64                 { return 0 }
func (s *Stat) AcquireDuration() time.Duration      { return 0 }
func (s *Stat) AcquiredConns() int32                { return s.acquired }
func (s *Stat) CanceledAcquireCount() int64         { return 0 }
func (s *Stat) ConstructingConns() int32            { return 0 }
func (s *Stat) EmptyAcquireCount() int64            { return 0 }
func (s *Stat) IdleConns() int32                    { return s.idle }
func (s *Stat) MaxConns() int32                     { return s.max }
func (s *Stat) TotalConns() int32                   { return s.total }
func (s *Stat) NewConnsCount() int64                { return 0 }
func (s *Stat) MaxLifetimeDestroyCount() int64      { return 0 }
func (s *Stat) MaxIdleDestroyCount() int64          { return 0 }
func (s *Stat) EmptyAcquireWaitTime() time.Duration { return 0 }
