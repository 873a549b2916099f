import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { readJson, removeKey, writeJson } from '../lib/storage';
import { checkCredentials } from './credentials';

const SESSION_KEY = 'taskboard.session';

interface Session {
  username: string;
}

interface AuthContextValue {
  user: Session | null;
  signIn: (username: string, password: string) => boolean;
  signOut: () => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Session | null>(() => readJson<Session | null>(SESSION_KEY, null));

  const signIn = useCallback((username: string, password: string) => {
    if (!checkCredentials(username, password)) {
      return false;
    }
    const session = { username };
    writeJson(SESSION_KEY, session);
    setUser(session);
    return true;
  }, []);

  const signOut = useCallback(() => {
    removeKey(SESSION_KEY);
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const context = useContext(AuthContext);
  if (!context) {
    throw new Error('useAuth must be used inside <AuthProvider>');
  }
  return context;
}
