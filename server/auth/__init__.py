"""Manager login (argon2 passwords, hashed bearer tokens) and customer chat tokens."""
