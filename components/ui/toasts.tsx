"use client";

import { ToastNotification } from "@/components/carbon";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

interface Toast {
  id: number;
  kind: "success" | "error" | "info";
  title: string;
  subtitle?: string;
}

const ToastContext = createContext<(toast: Omit<Toast, "id">) => void>(() => {});

/** Announces results politely (role=status) and lets them go after a few seconds. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((toast: Omit<Toast, "id">) => {
    setToasts((list) => [...list, { ...toast, id: Date.now() + Math.random() }]);
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className="toast-region" aria-live="polite">
        {toasts.map((t) => (
          <ToastNotification
            key={t.id}
            kind={t.kind}
            role="status"
            title={t.title}
            subtitle={t.subtitle}
            timeout={6000}
            onClose={() => {
              setToasts((list) => list.filter((x) => x.id !== t.id));
              return false;
            }}
          />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
