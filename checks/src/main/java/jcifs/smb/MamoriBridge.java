package jcifs.smb;

import jcifs.CIFSContext;
import jcifs.DialectVersion;
import jcifs.SmbTransport;
import jcifs.internal.smb2.create.Smb2CloseRequest;
import jcifs.internal.smb2.create.Smb2CreateRequest;
import jcifs.internal.smb2.create.Smb2CreateResponse;
import jcifs.netbios.UniAddress;

/**
 * The two facts Mamori needs that jcifs knows but does not publish: the dialect the server chose, and
 * whether the share root may be opened with "add file" rights (checked by opening, never by writing).
 * Lives in jcifs.smb to reach package-private accessors; uses only jcifs's own protocol code.
 */
public final class MamoriBridge {
  private MamoriBridge() {}

  /** Connects (negotiates) with the context's dialect range and returns the dialect the server picked. */
  public static DialectVersion negotiate(CIFSContext ctx, java.net.InetAddress host, int port) throws java.io.IOException {
    try (SmbTransport t = ctx.getTransportPool().getSmbTransport(ctx, new UniAddress(host), port, true, false)) {
      SmbTransportImpl impl = t.unwrap(SmbTransportImpl.class);
      impl.ensureConnected();
      return impl.getNegotiateResponse().getSelectedDialect();
    }
  }

  /** True when the share root opens with FILE_ADD_FILE | FILE_ADD_SUBDIRECTORY (SMB2 only; nothing is created). */
  public static boolean canAddFiles(SmbFile shareRoot) throws jcifs.CIFSException {
    try (SmbTreeHandleImpl th = shareRoot.ensureTreeConnected()) {
      if (!th.isSMB2()) {
        throw new jcifs.CIFSException("write check needs SMB2 on " + shareRoot.getLocator().getServer());
      }
      Smb2CreateRequest req = new Smb2CreateRequest(th.getConfig(), "");
      req.setDesiredAccess(0x00000002 | 0x00000004 | 0x00100000);
      req.setCreateDisposition(Smb2CreateRequest.FILE_OPEN);
      req.setCreateOptions(Smb2CreateRequest.FILE_DIRECTORY_FILE);
      req.setShareAccess(Smb2CreateRequest.FILE_SHARE_READ | Smb2CreateRequest.FILE_SHARE_WRITE | Smb2CreateRequest.FILE_SHARE_DELETE);
      Smb2CreateResponse resp;
      try {
        resp = th.send(req);
      } catch (SmbException e) {
        if (e.getNtStatus() == jcifs.smb.NtStatus.NT_STATUS_ACCESS_DENIED) {
          return false;
        }
        throw e;
      }
      th.send(new Smb2CloseRequest(th.getConfig(), resp.getFileId()));
      return true;
    }
  }
}
