// An invisible activity that opens the system's save or open dialog for a backup file (the
// Storage Access Framework: Files, Drive, a USB stick — the person's choice, no storage
// permission needed), does the reading or writing, and finishes.
package org.mend.platform

import android.app.Activity
import android.content.Intent
import android.os.Bundle

class BackupFileActivity : Activity() {
    data class Export(val fileName: String, val text: String)

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        if (savedInstanceState != null) return
        when (intent.getStringExtra(MODE)) {
            MODE_EXPORT -> {
                val export = pendingExport ?: return finish()
                startActivityForResult(Intent(Intent.ACTION_CREATE_DOCUMENT)
                    .addCategory(Intent.CATEGORY_OPENABLE)
                    .setType("text/plain")
                    .putExtra(Intent.EXTRA_TITLE, export.fileName), SAVE)
            }
            MODE_IMPORT -> startActivityForResult(Intent(Intent.ACTION_OPEN_DOCUMENT)
                .addCategory(Intent.CATEGORY_OPENABLE)
                .setType("*/*"), OPEN)
            else -> finish()
        }
    }

    @Deprecated("startActivityForResult keeps this free of androidx")
    override fun onActivityResult(requestCode: Int, resultCode: Int, data: Intent?) {
        super.onActivityResult(requestCode, resultCode, data)
        val uri = data?.data
        when (requestCode) {
            SAVE -> {
                val export = pendingExport
                pendingExport = null
                if (resultCode == RESULT_OK && uri != null && export != null) {
                    contentResolver.openOutputStream(uri, "wt")?.use {
                        it.write(export.text.toByteArray(Charsets.UTF_8))
                    }
                }
            }
            OPEN -> picked = when {
                resultCode != RESULT_OK || uri == null -> "cancelled"
                else -> try {
                    val bytes = contentResolver.openInputStream(uri)?.use { it.readBytes() }
                    if (bytes == null) "error:the file could not be opened"
                    else "text:" + String(bytes, Charsets.UTF_8)
                } catch (e: Exception) {
                    "error:" + (e.message ?: "the file could not be read")
                }
            }
        }
        finish()
    }

    companion object {
        const val MODE = "org.mend.platform.MODE"
        const val MODE_EXPORT = "export"
        const val MODE_IMPORT = "import"
        private const val SAVE = 1
        private const val OPEN = 2

        @Volatile var pendingExport: Export? = null
        @Volatile var picked: String? = null
    }
}
