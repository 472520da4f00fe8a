package org.wanglai.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

/** An {@link ApiRequest} over the servlet request. */
final class ApiRequestImpl implements ApiRequest {

    static final int MAX_JSON_BYTES = 2 * 1024 * 1024;

    private final HttpServletRequest req;
    private final String method;
    private final String remainder;
    private final WebUser user;
    private final ObjectMapper json;
    private final Messages messages;
    private final long maxUploadBytes;

    ApiRequestImpl(HttpServletRequest req, String method, String remainder, WebUser user, ObjectMapper json,
            Messages messages, long maxUploadBytes) {
        this.req = req;
        this.method = method;
        this.remainder = remainder;
        this.user = user;
        this.json = json;
        this.messages = messages;
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String pathRemainder() {
        return remainder;
    }

    @Override
    public String param(String name) {
        return req.getParameter(name);
    }

    @Override
    public Map<String, String> params() {
        Map<String, String> m = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> {
            if (v != null && v.length > 0) {
                m.put(k, v[0]);
            }
        });
        return m;
    }

    @Override
    public <T> T body(Class<T> type) {
        byte[] bytes;
        try (InputStream in = req.getInputStream()) {
            bytes = in.readNBytes(MAX_JSON_BYTES + 1);
        } catch (IOException e) {
            throw new ApiException(400, "request.body-unreadable", messages.get(locale(), "request.body-unreadable"));
        }
        if (bytes.length > MAX_JSON_BYTES) {
            throw new ApiException(413, "request.too-large", messages.get(locale(), "request.too-large", MAX_JSON_BYTES / 1024));
        }
        if (bytes.length == 0) {
            throw new ApiException(400, "request.body-missing", messages.get(locale(), "request.body-missing"));
        }
        try {
            T value = json.readValue(bytes, type);
            if (value == null) {
                throw new ApiException(400, "request.body-missing", messages.get(locale(), "request.body-missing"));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "request.body-invalid",
                    messages.get(locale(), "request.body-invalid", describe(e)));
        } catch (IOException e) {
            throw new ApiException(400, "request.body-unreadable", messages.get(locale(), "request.body-unreadable"));
        }
    }

    /** Where and what, without class names of the platform. */
    static String describe(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
        if (e instanceof UnrecognizedPropertyException u) {
            return where + "unknown property '" + u.getPropertyName() + "'";
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            String msg = m.getOriginalMessage();
            int cut = msg.indexOf(" (");
            return where + "'" + path + "': " + (cut > 0 ? msg.substring(0, cut) : msg).replaceAll("`[a-z.]+\\.", "`");
        }
        String msg = e.getOriginalMessage();
        return where + (msg.length() > 200 ? msg.substring(0, 200) : msg);
    }

    @Override
    public InputStream upload(String partName) {
        Part part = part(partName);
        if (part.getSize() > maxUploadBytes) {
            throw new ApiException(413, "upload.too-large",
                    messages.get(locale(), "upload.too-large", maxUploadBytes / (1024 * 1024)));
        }
        try {
            return part.getInputStream();
        } catch (IOException e) {
            throw new ApiException(400, "upload.unreadable", messages.get(locale(), "upload.unreadable", partName));
        }
    }

    @Override
    public Optional<String> uploadFileName(String partName) {
        String name = part(partName).getSubmittedFileName();
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return Optional.of(name.substring(slash + 1));
    }

    private Part part(String partName) {
        String contentType = req.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ApiException(400, "upload.not-multipart", messages.get(locale(), "upload.not-multipart"));
        }
        Part part;
        try {
            part = req.getPart(partName);
        } catch (IllegalStateException e) {
            throw new ApiException(413, "upload.too-large",
                    messages.get(locale(), "upload.too-large", maxUploadBytes / (1024 * 1024)));
        } catch (IOException | ServletException e) {
            throw new ApiException(400, "upload.unreadable", messages.get(locale(), "upload.unreadable", partName));
        }
        if (part == null) {
            throw new ApiException(400, "upload.missing", messages.get(locale(), "upload.missing", partName));
        }
        return part;
    }

    @Override
    public WebUser user() {
        return user;
    }

    @Override
    public Locale locale() {
        return user.locale();
    }
}
