import { z } from 'zod'

// The mini-program runtime forbids `new Function`, which zod's fast object parser compiles with. Object
// schemas decide at construction, so this module is the app's first import, before any contract loads.
z.config({ jitless: true })
