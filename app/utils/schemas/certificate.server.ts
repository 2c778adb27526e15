/**
 * Forms about certificates. Server-only: the pages that post them need no
 * validation in the browser (two checkboxes), so zod stays out of their bundle.
 */
import { z } from "zod";

export const VisibilityForm = z.object({ publicId: z.string().max(40), showUnit: z.literal("on").optional(), showScore: z.literal("on").optional() });
