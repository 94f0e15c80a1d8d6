/** First-start seeding: the owner account and the organizations (see lib/server/bootstrap.ts). */
import { bootstrap } from "@/lib/server/install/bootstrap";

const result = await bootstrap();
console.log(result.created ? result.message : "seed: database already initialised");
process.exit(0);
