import { Suspense } from "react";
import { AuthForm } from "@/components/auth/auth-form";

export const metadata = { title: "Set up" };

export default function SetupPage() {
  return <Suspense><AuthForm mode="setup" /></Suspense>;
}
