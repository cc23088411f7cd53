import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { connectSeminar, type ConnectOptions, type SeminarConnection, type SeminarStore } from './store.js';

/** Open a seminar connection for the life of the component that calls this. */
export function useSeminarConnection(opts: ConnectOptions | null): SeminarConnection | null {
  const [conn, setConn] = useState<SeminarConnection | null>(null);
  const key = opts ? `${opts.seminarId}|${opts.token ?? ''}|${opts.who}` : '';
  useEffect(() => {
    if (!opts) return;
    const c = connectSeminar(opts);
    setConn(c);
    return () => {
      c.close();
      setConn(null);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return conn;
}

/** Read from a connection's store; re-renders only when the selected value changes. */
export function useSeminar<T>(conn: SeminarConnection, selector: (s: SeminarStore) => T): T {
  return useStore(conn.store, selector);
}
