package live

func stopBouncers() {}
