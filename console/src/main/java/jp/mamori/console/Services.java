package jp.mamori.console;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import jp.mamori.common.Database;
import jp.mamori.console.auth.LoginLimiter;
import jp.mamori.console.auth.Sessions;
import jp.mamori.console.auth.Users;
import jp.mamori.console.boxes.Boxes;
import jp.mamori.console.desk.Desk;
import jp.mamori.console.ingest.Alerts;
import jp.mamori.console.ingest.Ingestion;
import jp.mamori.console.metrics.ConsoleMetrics;
import jp.mamori.console.portal.PortalServices;
import jp.mamori.console.tenancy.Tenants;
import jp.mamori.console.tickets.Tickets;

/** The console's plain components, wired once and handed to the route classes. */
public record Services(
    Vertx vertx,
    Database db,
    Clock clock,
    WorkerExecutor hashing,
    Users users,
    Sessions sessions,
    LoginLimiter loginLimiter,
    Tenants tenants,
    Boxes boxes,
    Tickets tickets,
    Alerts alerts,
    Ingestion ingestion,
    ConsoleMetrics metrics,
    Desk desk,
    PortalServices portal) {}
